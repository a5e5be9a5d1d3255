import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExchangeResponse } from './fake-openai.types';

/**
 * One request/response pair in flight. It tells a client that walked away apart from a
 * connection the fake cut on purpose, because only the former counts as an aborted stream.
 */
export class Exchange {
  readonly startedAt = Date.now();
  /** Filled by the response writers; the recorded request shares this object. */
  readonly response: ExchangeResponse = {};
  /** The connection closed (either side) before or after the response finished. */
  closed = false;
  private cutByServer = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    onClientAbort: () => void,
  ) {
    res.once('close', () => {
      this.closed = true;
      if (!res.writableEnded && !this.cutByServer) onClientAbort();
    });
  }

  /**
   * Resolves true after `ms`, or false as soon as the connection closes, so fault delays
   * neither keep a dead exchange alive nor keep jest waiting on a stopped server.
   */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onClose = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.res.off('close', onClose);
        resolve(!this.closed);
      }, ms);
      this.res.once('close', onClose);
    });
  }

  /**
   * Close the connection without completing the response. `end()` on the socket (not on the
   * response) flushes what was already written, then the missing terminating HTTP chunk makes
   * the client see a truncated body, as when a provider's connection drops.
   */
  cutConnection(): void {
    this.cutByServer = true;
    const socket = this.res.socket;
    if (!socket) return;
    socket.end(() => socket.destroy());
  }
}
