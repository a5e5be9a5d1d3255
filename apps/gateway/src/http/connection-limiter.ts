import { RateLimitExceededError } from '@conduit/contracts';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { rawErrorResponse } from './raw-error.response';

/**
 * Caps the connections one client address holds open, so a single client (slow bodies,
 * idle keep-alives, a flood of sockets) cannot take every connection the process can serve.
 * The connection over the cap is answered 429 in OpenAI's shape and closed.
 */
export function limitConnectionsPerAddress(server: Server, maxPerAddress: number): void {
  const open = new Map<string, number>();
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      // end() flushes the answer before the FIN; whatever the client still sends is refused
      // by the closed socket (Node's clientError path), never served.
      socket.end(
        rawErrorResponse(
          new RateLimitExceededError(
            `Too many open connections from this address (at most ${maxPerAddress}).`,
            { code: 'too_many_connections' },
          ),
        ),
      );
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
