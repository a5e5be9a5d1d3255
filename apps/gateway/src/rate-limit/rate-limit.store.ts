import type { RateLimits } from './rate-limit.types';

/**
 * The sliding window's shape: `windowMs` split into buckets of `bucketMs`. A count is kept for
 * `windowMs` plus at most one bucket (between 60 and 61 s by default), so the limiter errs on
 * the strict side by at most one bucket and never admits more than the limit within any
 * `windowMs` span.
 */
export interface WindowShape {
  windowMs: number;
  bucketMs: number;
}

/** One minute in one-second buckets: at most 1/60 stricter than an exact log. */
export const ONE_MINUTE_WINDOW: WindowShape = { windowMs: 60_000, bucketMs: 1_000 };

export function bucketsPerWindow(shape: WindowShape): number {
  const { windowMs, bucketMs } = shape;
  if (
    !Number.isInteger(windowMs) ||
    !Number.isInteger(bucketMs) ||
    bucketMs <= 0 ||
    windowMs <= 0 ||
    windowMs % bucketMs !== 0
  ) {
    throw new Error(
      `Invalid rate-limit window ${windowMs} ms / ${bucketMs} ms: both positive integers, the window a multiple of the bucket.`,
    );
  }
  return windowMs / bucketMs;
}

/** Per limit that is set: what the window holds once this request is counted. */
export interface WindowUsage {
  used: number;
  /** Until the window is empty again (OpenAI's "resets to its initial state"). */
  resetMs: number;
}

export type WindowDecision =
  | {
      admitted: true;
      /** The bucket the request was counted in; `settle` corrects that bucket. */
      bucket: number;
      requests: WindowUsage | null;
      tokens: WindowUsage | null;
    }
  | {
      admitted: false;
      limitType: 'requests' | 'tokens';
      /** Until enough of the oldest usage leaves the window for a request to be admitted. */
      retryAfterMs: number;
    };

/** Where the counters live: Redis (shared by replicas) or this process. */
export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  /** Counts the request (and its token estimate) if it is within the limits, atomically. */
  admit(subject: string, limits: RateLimits, estimatedTokens: number): Promise<WindowDecision>;
  /** Adds `deltaTokens` to the bucket the request was admitted in (see SlidingWindowCounter). */
  settle(subject: string, bucket: number, deltaTokens: number): Promise<void>;
  /** Throws when the store cannot be used. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
