/** Outcomes counted over the window. */
export interface WindowTotals {
  requests: number;
  failures: number;
}

interface Bucket {
  /** Which slice of time (now / bucketWidth, rounded down) the counts belong to. */
  index: number;
  requests: number;
  failures: number;
}

/**
 * Success/failure counts over the last `windowMs`, kept in a fixed ring of buckets so memory is
 * constant however busy the caller is. A bucket belongs to one time slice; one whose slice has
 * left the window is ignored and is reused on its next write, so expiry needs no timer.
 *
 * An outcome stops counting once its bucket slides out: no later than `windowMs` after it was
 * recorded, and no earlier than `windowMs - windowMs / bucketCount`.
 */
export class RollingWindow {
  private readonly bucketWidthMs: number;
  private readonly buckets: Bucket[];

  constructor(
    readonly windowMs: number,
    readonly bucketCount: number,
    private readonly now: () => number,
  ) {
    if (!Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
    }
    if (!Number.isInteger(bucketCount) || bucketCount <= 0) {
      throw new RangeError(`bucketCount must be a positive integer, got ${bucketCount}`);
    }
    this.bucketWidthMs = windowMs / bucketCount;
    this.buckets = Array.from({ length: bucketCount }, () => ({
      index: Number.NaN,
      requests: 0,
      failures: 0,
    }));
  }

  record(failed: boolean): void {
    const index = this.currentIndex();
    const bucket = this.buckets[mod(index, this.bucketCount)];
    if (bucket.index !== index) {
      bucket.index = index;
      bucket.requests = 0;
      bucket.failures = 0;
    }
    bucket.requests += 1;
    if (failed) bucket.failures += 1;
  }

  totals(): WindowTotals {
    const current = this.currentIndex();
    let requests = 0;
    let failures = 0;
    for (const bucket of this.buckets) {
      const age = current - bucket.index;
      // A negative age means the clock went backwards; those counts are not trusted to be recent.
      if (age >= 0 && age < this.bucketCount) {
        requests += bucket.requests;
        failures += bucket.failures;
      }
    }
    return { requests, failures };
  }

  clear(): void {
    for (const bucket of this.buckets) {
      bucket.index = Number.NaN;
      bucket.requests = 0;
      bucket.failures = 0;
    }
  }

  private currentIndex(): number {
    return Math.floor(this.now() / this.bucketWidthMs);
  }
}

/** Remainder that stays non-negative, so a clock before the epoch still finds a bucket. */
function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
