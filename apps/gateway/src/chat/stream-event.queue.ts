/**
 * Buffers messages pushed by a NATS subscription until the relay pulls them, so events
 * that arrive before the stream is accepted are not lost and order is kept.
 */
export class StreamEventQueue<T> {
  private readonly buffered: T[] = [];
  private waiting: { resolve: (value: T | undefined) => void; timer: NodeJS.Timeout } | undefined;
  private closed = false;

  push(event: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const { resolve, timer } = this.waiting;
      this.waiting = undefined;
      clearTimeout(timer);
      resolve(event);
    } else {
      this.buffered.push(event);
    }
  }

  /** The next event, or undefined when none arrives within `idleMs` (or the queue closed). */
  next(idleMs: number): Promise<T | undefined> {
    const event = this.buffered.shift();
    if (event !== undefined || this.closed) return Promise.resolve(event);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, idleMs);
      this.waiting = { resolve, timer };
    });
  }

  /**
   * Ends the current wait now, with undefined as if it had timed out, so the reader re-checks
   * why it waits (the client left, the bus went away) instead of learning it at the timeout.
   */
  wake(): void {
    if (!this.waiting) return;
    const { resolve, timer } = this.waiting;
    this.waiting = undefined;
    clearTimeout(timer);
    resolve(undefined);
  }

  close(): void {
    this.closed = true;
    this.buffered.length = 0;
    if (this.waiting) {
      clearTimeout(this.waiting.timer);
      this.waiting.resolve(undefined);
      this.waiting = undefined;
    }
  }
}
