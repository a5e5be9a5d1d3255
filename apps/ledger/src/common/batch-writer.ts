import { setImmediate as nextTurn } from 'node:timers/promises';

export interface BatchWriterOptions<T, R> {
  /** Most items written in one batch. */
  maxBatch: number;
  /** Writes `items` together (one statement, one round trip); results in the same order. */
  writeBatch(items: T[]): Promise<R[]>;
  /**
   * Whether `error` is the fault of some item of the batch (e.g. a value the database refuses),
   * so the rest of the batch can still be written without it.
   */
  isItemFault(error: unknown): boolean;
  /** Items with the same key never share a batch (the later one waits for the next). */
  keyOf(item: T): string;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the writes asked for while the previous batch was in the database, and writes them as
 * one batch: one round trip and one commit for many events instead of one each (the ledger's
 * and Postgres' cost per usage event was mostly round trips and commits). Nothing waits on a
 * timer: an idle writer writes at the end of the current event-loop turn, and a busy one
 * writes everything that arrived as soon as the batch before it committed. Each caller's
 * promise settles with its own item's result, after the commit that wrote it.
 *
 * A batch the database refused for one item's data (`isItemFault`) is split in halves and each
 * half written again, down to the items at fault, which fail alone: a few bad items among many
 * cost a few more statements, not one per item. Any other failure fails every item of the
 * batch (each is then retried by its caller, e.g. redelivered by JetStream).
 */
export class BatchWriter<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = false;

  constructor(private readonly options: BatchWriterOptions<T, R>) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
      throw new RangeError(`maxBatch must be an integer ≥ 1, got ${options.maxBatch}`);
    }
  }

  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Lets every write asked for in this turn join the first batch.
      await nextTurn();
      while (this.queue.length > 0) await this.writeNext(this.takeBatch());
    } finally {
      this.running = false;
    }
  }

  private takeBatch(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    const keys = new Set<string>();
    const left: Pending<T, R>[] = [];
    for (const pending of this.queue) {
      const key = this.options.keyOf(pending.item);
      if (batch.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(pending);
      } else {
        left.push(pending);
      }
    }
    this.queue = left;
    return batch;
  }

  private async writeNext(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.options.writeBatch(batch.map((pending) => pending.item));
      batch.forEach((pending, i) => pending.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1 || !this.options.isItemFault(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.writeNext(batch.slice(0, half));
      await this.writeNext(batch.slice(half));
    }
  }
}
