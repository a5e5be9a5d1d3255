import { randomBytes } from 'node:crypto';

/** OpenAI-style completion id: `chatcmpl-` and 29 url-safe characters. */
export function completionId(): string {
  return `chatcmpl-${randomBytes(22).toString('base64url').slice(0, 29)}`;
}
