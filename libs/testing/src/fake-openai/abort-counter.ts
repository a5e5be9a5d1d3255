interface Waiter {
  target: number;
  resolve: () => void;
}

/**
 * Counts client aborts and lets a test await a count, because the server learns of a
 * disconnect asynchronously, after the client's own abort call has returned.
 */
export class AbortCounter {
  private current = 0;
  private readonly waiters = new Set<Waiter>();

  get count(): number {
    return this.current;
  }

  increment(): void {
    this.current++;
    for (const waiter of this.waiters) {
      if (this.current >= waiter.target) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  waitFor(target: number, timeoutMs: number): Promise<void> {
    if (this.current >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `Expected ${target} aborted stream(s) within ${timeoutMs} ms, saw ${this.current}.`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Back to zero; pending waiters keep waiting, now counting from zero. */
  reset(): void {
    this.current = 0;
  }
}
