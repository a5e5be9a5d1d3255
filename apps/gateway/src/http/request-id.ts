import { randomUUID } from 'node:crypto';

/**
 * Every request gets a fresh id, echoed in `x-request-id`, logged, traced and later charged
 * under. A caller-supplied id is never reused: usage is de-duplicated by request id, so two
 * requests sharing one would be charged once.
 */
export function newRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}
