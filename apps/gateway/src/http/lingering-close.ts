import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface LingerBounds {
  /** Most bytes of the unread body read and thrown away before the connection is closed. */
  maxBytes: number;
  /** Longest the connection stays open, reading, after the answer was written. */
  maxMs: number;
}

/**
 * An `onSend` hook for 413s. A body over the limit is answered before it was read, with
 * `Connection: close`, and Node then closes the socket with the body's rest still arriving — so
 * the kernel answers the client's next bytes with a reset, which can throw away the 413 before
 * the client read it (Node's `fetch` then fails with EPIPE or ECONNRESET instead of showing the
 * error). A lingering close instead: the answer and a FIN go out, the rest of the body is read
 * and thrown away until the client has sent it all or closes, and only then is the socket
 * closed. Beyond the bounds (a body announced larger than `maxBytes`, more than `maxBytes`
 * read, or `maxMs` passed) it is closed at once, as before.
 */
export function lingerAfterTooLarge(bounds: LingerBounds) {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void => {
    if (reply.statusCode === 413) lingerBeforeClosing(request.raw, bounds);
    done(null, payload);
  };
}

function lingerBeforeClosing(request: IncomingMessage, bounds: LingerBounds): void {
  const socket = request.socket;
  if (request.complete || socket.destroyed) return;
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > bounds.maxBytes) return;
  // Node closes a connection whose answer said `Connection: close` through destroySoon(), once
  // the answer is written: this socket's replaces it.
  socket.destroySoon = () => lingeringClose(socket, request, bounds);
}

/** How often the bytes read while lingering are checked against the bound. */
const BYTE_CHECK_INTERVAL_MS = 20;

function lingeringClose(socket: Socket, request: IncomingMessage, bounds: LingerBounds): void {
  // The answer is written: the FIN tells the client nothing more is coming.
  socket.end();
  // Node's HTTP parser keeps reading the socket and drops the body (the request was dumped). A
  // 'data' listener here would take the socket from that parser and stall it, so the bytes are
  // counted from the socket's total instead.
  const readBefore = socket.bytesRead;
  const close = () => {
    clearTimeout(deadline);
    clearInterval(byteCheck);
    request.removeListener('end', close);
    socket.removeListener('end', close);
    if (socket.writableFinished) socket.destroy();
    else socket.once('finish', () => socket.destroy());
  };
  const deadline = setTimeout(close, bounds.maxMs);
  const byteCheck = setInterval(() => {
    if (socket.bytesRead - readBefore > bounds.maxBytes) close();
  }, BYTE_CHECK_INTERVAL_MS);
  deadline.unref();
  byteCheck.unref();
  // The whole body arrived (nothing unread: closing sends no reset), or the client closed.
  request.once('end', close);
  socket.once('end', close);
  socket.once('close', () => {
    clearTimeout(deadline);
    clearInterval(byteCheck);
  });
}
