import { randomUUID } from 'node:crypto';

// randomUUID draws from a pre-filled entropy cache, so it stays cheap on the benchmark's hot path.
function hex32(): string {
  return randomUUID().replace(/-/g, '');
}

/** `req_` + 32 hex, the shape of OpenAI's `x-request-id`. */
export function newRequestId(): string {
  return `req_${hex32()}`;
}

/** `chatcmpl-` + 29 alphanumerics, like OpenAI's completion ids. */
export function newCompletionId(): string {
  return `chatcmpl-${hex32().slice(0, 29)}`;
}

/** `call_` + 24 alphanumerics, like OpenAI's tool call ids. */
export function newToolCallId(): string {
  return `call_${hex32().slice(0, 24)}`;
}

/** Stable per process, as a real deployment's fingerprint is stable across requests. */
export const SYSTEM_FINGERPRINT = 'fp_5e9f1a7c2b';
