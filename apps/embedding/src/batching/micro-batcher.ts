/** One unit of work: `key` identifies equal work, `weight` counts against `maxWeight`. */
export interface BatchItem<T> {
  key: string;
  value: T;
  weight: number;
}

export interface MicroBatcherOptions<T, R> {
  /** Most items in one run. */
  maxItems: number;
  /** How long the first item of a batch waits for company before the batch runs anyway. */
  maxWaitMs: number;
  /** Most total weight in one run (null: unbounded); an item heavier than this runs alone. */
  maxWeight: number | null;
  /** Does the work: one result per value, in order. */
  run(values: T[]): Promise<R[]>;
}

interface Slot<T, R> {
  key: string;
  value: T;
  weight: number;
  promise: Promise<R>;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Coalesces items submitted by concurrent callers into runs of at most `maxItems` (and
 * `maxWeight`): a batch runs when full or `maxWaitMs` after its first item arrived, whichever
 * is first. Items with the same key — within one submission or across concurrent ones, while
 * pending or running — share one slot, so equal work is done once. A failed run fails every
 * item in it, and through them every submission waiting on one.
 */
export class MicroBatcher<T, R> {
  private pending: Slot<T, R>[] = [];
  private pendingWeight = 0;
  /** Pending and running slots by key, until their run settles. */
  private readonly slots = new Map<string, Slot<T, R>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MicroBatcherOptions<T, R>) {
    if (!Number.isInteger(options.maxItems) || options.maxItems < 1) {
      throw new RangeError(`MicroBatcher: maxItems must be a positive integer`);
    }
  }

  /** Results for `items`, in order; rejects with the first failed run's error. */
  submit(items: readonly BatchItem<T>[]): Promise<R[]> {
    return Promise.all(items.map((item) => this.enqueue(item)));
  }

  /** Items waiting for their batch to run. */
  get pendingItems(): number {
    return this.pending.length;
  }

  private enqueue(item: BatchItem<T>): Promise<R> {
    const shared = this.slots.get(item.key);
    if (shared) return shared.promise;
    const { maxWeight } = this.options;
    if (
      maxWeight !== null &&
      this.pending.length > 0 &&
      this.pendingWeight + item.weight > maxWeight
    ) {
      this.flush();
    }
    const slot = newSlot<T, R>(item);
    this.slots.set(item.key, slot);
    this.pending.push(slot);
    this.pendingWeight += item.weight;
    if (this.pending.length >= this.options.maxItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    return slot.promise;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingWeight = 0;
    if (batch.length > 0) void this.execute(batch);
  }

  private async execute(batch: Slot<T, R>[]): Promise<void> {
    try {
      const results = await this.options.run(batch.map((slot) => slot.value));
      if (results.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} items produced ${results.length} results`);
      }
      batch.forEach((slot, index) => slot.resolve(results[index]));
    } catch (error) {
      for (const slot of batch) slot.reject(error);
    } finally {
      for (const slot of batch) this.slots.delete(slot.key);
    }
  }
}

function newSlot<T, R>(item: BatchItem<T>): Slot<T, R> {
  let resolve!: (result: R) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { ...item, promise, resolve, reject };
}
