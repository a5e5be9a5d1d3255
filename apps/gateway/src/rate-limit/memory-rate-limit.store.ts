import type { RateLimits } from './rate-limit.types';
import type { RateLimitStore, WindowDecision, WindowShape } from './rate-limit.store';
import { SlidingWindowCounter } from './sliding-window.counter';

export interface MemoryRateLimitStoreOptions {
  window: WindowShape;
  clock: () => number;
  /**
   * Most subjects kept at once. Past it the least recently used is forgotten (its counts start
   * over), which only matters with more active keys per window than this.
   */
  maxSubjects: number;
}

/** Counters in this process: for a single gateway replica (no `REDIS_URL`). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  // A Map iterates in insertion order; re-inserting on use keeps it least recently used first.
  private readonly subjects = new Map<string, SlidingWindowCounter>();
  private nextSweepAt: number;

  constructor(private readonly options: MemoryRateLimitStoreOptions) {
    this.nextSweepAt = options.clock() + options.window.windowMs;
  }

  get subjectCount(): number {
    return this.subjects.size;
  }

  admit(subject: string, limits: RateLimits, estimatedTokens: number): Promise<WindowDecision> {
    const now = this.options.clock();
    this.sweepIdle(now);
    return Promise.resolve(this.touch(subject).admit(now, limits, estimatedTokens));
  }

  settle(subject: string, bucket: number, deltaTokens: number): Promise<void> {
    // A forgotten subject had nothing left in its window; only extra tokens still count then.
    if (this.subjects.has(subject) || deltaTokens > 0) {
      this.touch(subject).settle(this.options.clock(), bucket, deltaTokens);
    }
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.subjects.clear();
    return Promise.resolve();
  }

  private touch(subject: string): SlidingWindowCounter {
    const counter = this.subjects.get(subject) ?? new SlidingWindowCounter(this.options.window);
    this.subjects.delete(subject);
    this.subjects.set(subject, counter);
    if (this.subjects.size > this.options.maxSubjects) {
      const leastRecent = this.subjects.keys().next().value;
      if (leastRecent !== undefined) this.subjects.delete(leastRecent);
    }
    return counter;
  }

  /** Once per window, forgets subjects with nothing left in their window. */
  private sweepIdle(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.options.window.windowMs;
    for (const [subject, counter] of this.subjects) {
      if (counter.isIdle(now)) this.subjects.delete(subject);
    }
  }
}
