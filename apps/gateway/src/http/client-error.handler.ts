import { TimeoutError, ValidationError, type DomainError } from '@conduit/contracts';
import type { Socket } from 'node:net';
import { rawErrorResponse } from './raw-error.response';

/**
 * Node's HTTP parser rejected what a client sent before Fastify saw a request: a malformed
 * request line or header, headers over the size limit (431), or a request that took longer
 * than the header or body timeout (408). Answered in OpenAI's shape (Fastify's default is its
 * own `{"error":"Bad Request","message":"Client Error"}`), then the socket is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset or an already destroyed socket has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [domainError, status] = describe(error);
  if (socket.writable) socket.write(rawErrorResponse(domainError, status));
  socket.destroy();
}

function describe(error: Error & { code?: string }): [DomainError, number] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        new TimeoutError('The request was not received in time; the connection was closed.', {
          code: 'request_timeout',
        }),
        408,
      ];
    case 'HPE_HEADER_OVERFLOW':
      return [
        new ValidationError('The request headers are too large.', {
          code: 'headers_too_large',
        }),
        431,
      ];
    default:
      return [
        new ValidationError('The request is not valid HTTP/1.1.', { code: 'malformed_request' }),
        400,
      ];
  }
}
