/** How retry waits grow. Delays are in milliseconds; `multiplier` applies per retry. */
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/**
 * "Full jitter" (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in
 * [0, min(maxDelayMs, initialDelayMs * multiplier^retryIndex)]. retryIndex is 0 for the first
 * retry. Spreading retries over the whole interval, not around its end, is what stops clients
 * that failed together from retrying together.
 *
 * Whole milliseconds out: an integer drawn uniformly from 0 up to the ceiling rounded down, so
 * the result never exceeds the cap.
 */
export function fullJitterDelayMs(
  policy: BackoffPolicy,
  retryIndex: number,
  random: () => number = () => Math.random(),
): number {
  const ceiling = Math.floor(backoffCeilingMs(policy, retryIndex));
  // A random source returning exactly 1 (or a bad fake) must not escape the interval.
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(r * (ceiling + 1)), ceiling);
}

/**
 * The wait before the next attempt: a provider's Retry-After (seconds, may be fractional) wins
 * when present, since it knows its own rate limits better than our guess, and we never wait less
 * than it asked; otherwise full jitter. A NaN, infinite or negative Retry-After is a garbled
 * header, so it is ignored rather than trusted.
 *
 * Retry-After is deliberately not capped by `maxDelayMs`: whether a long wait is worth it is the
 * caller's decision against its own deadline.
 */
export function nextRetryDelayMs(
  policy: BackoffPolicy,
  retryIndex: number,
  retryAfterSeconds: number | undefined,
  random: () => number = () => Math.random(),
): number {
  if (
    retryAfterSeconds !== undefined &&
    Number.isFinite(retryAfterSeconds) &&
    retryAfterSeconds >= 0
  ) {
    // Rounded up so we never undercut the provider, but with a tolerance so that binary
    // floating point (0.3 * 1000 = 300.00000000000006) does not add a spurious millisecond.
    return Math.max(0, Math.ceil(retryAfterSeconds * 1000 - 1e-6));
  }
  return fullJitterDelayMs(policy, retryIndex, random);
}

function backoffCeilingMs(policy: BackoffPolicy, retryIndex: number): number {
  const { initialDelayMs, maxDelayMs, multiplier } = policy;
  if (!Number.isInteger(retryIndex) || retryIndex < 0) {
    throw new RangeError(`retryIndex must be a non-negative integer, got ${retryIndex}`);
  }
  if (!Number.isFinite(initialDelayMs) || initialDelayMs < 0) {
    throw new RangeError(`initialDelayMs must be finite and >= 0, got ${initialDelayMs}`);
  }
  if (!Number.isFinite(maxDelayMs) || maxDelayMs < 0) {
    throw new RangeError(`maxDelayMs must be finite and >= 0, got ${maxDelayMs}`);
  }
  if (!Number.isFinite(multiplier) || multiplier < 1) {
    throw new RangeError(`multiplier must be finite and >= 1, got ${multiplier}`);
  }
  // multiplier^retryIndex overflows to Infinity for large indexes (and 0 * Infinity is NaN), so
  // anything that is not a finite number below the cap is the cap.
  const grown = initialDelayMs === 0 ? 0 : initialDelayMs * multiplier ** retryIndex;
  return Number.isFinite(grown) ? Math.min(maxDelayMs, grown) : maxDelayMs;
}
