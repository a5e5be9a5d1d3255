import type { DomainError } from '@conduit/contracts';
import { STATUS_CODES } from 'node:http';
import { toHttpError } from './openai-error';
import { newRequestId } from './request-id';

/**
 * A complete HTTP/1.1 error response, in OpenAI's shape with a fresh request id, for the places
 * that answer on the raw socket before Fastify has a request (a malformed request line, headers
 * too large or too slow, a client over its connection limit). The connection is closed after it.
 */
export function rawErrorResponse(error: DomainError, status?: number): string {
  const requestId = newRequestId();
  const httpError = toHttpError(error, requestId);
  const code = status ?? httpError.status;
  const body = JSON.stringify(httpError.body);
  return (
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${requestId}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
