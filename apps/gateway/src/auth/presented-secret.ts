import { AuthenticationError } from '@conduit/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * The key a request presents: `Authorization: Bearer <key>`, or `x-api-key` as Anthropic's
 * clients send it. Undefined when there is none; a malformed Authorization header is a 401.
 */
export function presentedSecret(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new AuthenticationError(
        'Malformed Authorization header. Send `Authorization: Bearer <key>`.',
        { code: 'invalid_authorization_header' },
      );
    }
    return match[1];
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey.trim() : undefined;
}
