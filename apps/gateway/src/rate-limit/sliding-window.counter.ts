import type { RateLimits } from './rate-limit.types';
import { bucketsPerWindow, type WindowDecision, type WindowShape } from './rate-limit.store';

interface Bucket {
  requests: number;
  tokens: number;
}

interface Entry {
  bucket: number;
  count: number;
}

/**
 * One subject's sliding window in this process. The same algorithm as the Redis script in
 * `redis-rate-limit.scripts.ts` (keep the two in step): a count lives in the bucket of the
 * moment it was admitted, and the window at time `now` is the current bucket plus the
 * `windowMs / bucketMs` before it.
 */
export class SlidingWindowCounter {
  private readonly buckets = new Map<number, Bucket>();
  private readonly span: number;

  constructor(private readonly shape: WindowShape) {
    this.span = bucketsPerWindow(shape);
  }

  admit(nowMs: number, limits: RateLimits, estimatedTokens: number): WindowDecision {
    const current = Math.floor(nowMs / this.shape.bucketMs);
    this.dropBefore(current - this.span);
    const requests: Entry[] = [];
    const tokens: Entry[] = [];
    for (const [bucket, counts] of this.buckets) {
      requests.push({ bucket, count: counts.requests });
      tokens.push({ bucket, count: counts.tokens });
    }
    const requestsUsed = sum(requests);
    const tokensUsed = sum(tokens);
    if (limits.rpm !== null && requestsUsed >= limits.rpm) {
      return {
        admitted: false,
        limitType: 'requests',
        retryAfterMs: this.waitMs(requests, requestsUsed, limits.rpm, nowMs),
      };
    }
    // Tokens already used, not this request's estimate: a request larger than the whole limit
    // still gets through when the window is empty (then nothing else does until it drains).
    if (limits.tpm !== null && tokensUsed >= limits.tpm) {
      return {
        admitted: false,
        limitType: 'tokens',
        retryAfterMs: this.waitMs(tokens, tokensUsed, limits.tpm, nowMs),
      };
    }
    const bucket = this.bucketAt(current);
    if (limits.rpm !== null) {
      bucket.requests += 1;
      requests.push({ bucket: current, count: 1 });
    }
    if (limits.tpm !== null && estimatedTokens > 0) {
      bucket.tokens += estimatedTokens;
      tokens.push({ bucket: current, count: estimatedTokens });
    }
    return {
      admitted: true,
      bucket: current,
      requests:
        limits.rpm === null
          ? null
          : { used: requestsUsed + 1, resetMs: this.resetMs(requests, nowMs) },
      tokens:
        limits.tpm === null
          ? null
          : { used: tokensUsed + estimatedTokens, resetMs: this.resetMs(tokens, nowMs) },
    };
  }

  /**
   * Corrects the tokens counted in `bucket`. Once that bucket has left the window, only extra
   * tokens (usage above the estimate) still count, in the current bucket: a long stream's
   * overrun is charged when it is known, and a refund for usage that already expired is moot.
   */
  settle(nowMs: number, bucket: number, deltaTokens: number): void {
    const current = Math.floor(nowMs / this.shape.bucketMs);
    if (bucket >= current - this.span) {
      const existing = this.buckets.get(bucket);
      if (existing) existing.tokens += deltaTokens;
      else if (deltaTokens > 0) this.bucketAt(bucket).tokens += deltaTokens;
    } else if (deltaTokens > 0) {
      this.bucketAt(current).tokens += deltaTokens;
    }
  }

  /** True when nothing is counted any more: the subject can be forgotten. */
  isIdle(nowMs: number): boolean {
    this.dropBefore(Math.floor(nowMs / this.shape.bucketMs) - this.span);
    return this.buckets.size === 0;
  }

  private bucketAt(index: number): Bucket {
    let bucket = this.buckets.get(index);
    if (!bucket) {
      bucket = { requests: 0, tokens: 0 };
      this.buckets.set(index, bucket);
    }
    return bucket;
  }

  private dropBefore(oldest: number): void {
    for (const index of this.buckets.keys()) if (index < oldest) this.buckets.delete(index);
  }

  /** When the oldest counts have left the window far enough for `used` to drop below `limit`. */
  private waitMs(entries: Entry[], used: number, limit: number, nowMs: number): number {
    const mustLeave = used - limit + 1;
    let left = 0;
    for (const entry of [...entries].sort((a, b) => a.bucket - b.bucket)) {
      left += entry.count;
      if (left >= mustLeave) return this.leavesAt(entry.bucket) - nowMs;
    }
    return this.shape.windowMs;
  }

  /** When the newest count leaves the window, i.e. the full limit is available again. */
  private resetMs(entries: Entry[], nowMs: number): number {
    let newest: number | null = null;
    for (const entry of entries) {
      if (entry.count > 0 && (newest === null || entry.bucket > newest)) newest = entry.bucket;
    }
    return newest === null ? 0 : this.leavesAt(newest) - nowMs;
  }

  private leavesAt(bucket: number): number {
    return (bucket + this.span + 1) * this.shape.bucketMs;
  }
}

function sum(entries: Entry[]): number {
  return entries.reduce((total, entry) => total + entry.count, 0);
}
