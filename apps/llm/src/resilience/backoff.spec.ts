import { type BackoffPolicy, fullJitterDelayMs, nextRetryDelayMs } from './backoff';

const policy: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 2_000, multiplier: 2 };
const always = (value: number) => () => value;
// Just below 1, the largest a real Math.random returns.
const top = always(1 - Number.EPSILON);

describe('fullJitterDelayMs', () => {
  it('draws from zero up to the exponential ceiling', () => {
    expect(fullJitterDelayMs(policy, 0, always(0))).toBe(0);
    expect(fullJitterDelayMs(policy, 0, top)).toBe(100);
    expect(fullJitterDelayMs(policy, 0, always(0.5))).toBe(50);
    // 100 × 2^3
    expect(fullJitterDelayMs(policy, 3, top)).toBe(800);
    expect(fullJitterDelayMs(policy, 3, always(0.25))).toBe(200);
  });

  it('stays within bounds for any random draw', () => {
    for (let retryIndex = 0; retryIndex < 8; retryIndex++) {
      const ceiling = Math.min(2_000, 100 * 2 ** retryIndex);
      for (let i = 0; i <= 100; i++) {
        const delay = fullJitterDelayMs(policy, retryIndex, always(i / 100));
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('caps growth at maxDelayMs', () => {
    expect(fullJitterDelayMs(policy, 4, top)).toBe(1_600);
    expect(fullJitterDelayMs(policy, 5, top)).toBe(2_000);
    expect(fullJitterDelayMs(policy, 50, top)).toBe(2_000);
  });

  it('does not overflow for huge retry indexes', () => {
    expect(fullJitterDelayMs(policy, 10_000, top)).toBe(2_000);
    expect(fullJitterDelayMs(policy, 10_000, always(0.5))).toBe(1_000);
    expect(fullJitterDelayMs({ ...policy, initialDelayMs: 0 }, 10_000, top)).toBe(0);
  });

  it('never rounds above a fractional ceiling, nor escapes it on a bad random source', () => {
    const fractional = { initialDelayMs: 1.5, maxDelayMs: 10, multiplier: 1 };
    expect(fullJitterDelayMs(fractional, 0, top)).toBe(1);
    expect(fullJitterDelayMs(policy, 0, always(1))).toBe(100);
    expect(fullJitterDelayMs(policy, 0, always(7))).toBe(100);
    expect(fullJitterDelayMs(policy, 0, always(-1))).toBe(0);
  });

  it('uses Math.random by default', () => {
    const delay = fullJitterDelayMs(policy, 2);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(400);
  });

  it('rejects a nonsensical policy or retry index', () => {
    expect(() => fullJitterDelayMs(policy, -1)).toThrow(RangeError);
    expect(() => fullJitterDelayMs(policy, 1.5)).toThrow(RangeError);
    expect(() => fullJitterDelayMs({ ...policy, multiplier: 0.5 }, 0)).toThrow(/multiplier/);
    expect(() => fullJitterDelayMs({ ...policy, initialDelayMs: -1 }, 0)).toThrow(/initial/);
    expect(() => fullJitterDelayMs({ ...policy, maxDelayMs: Number.NaN }, 0)).toThrow(/max/);
  });
});

describe('nextRetryDelayMs', () => {
  it('falls back to full jitter without a Retry-After', () => {
    expect(nextRetryDelayMs(policy, 2, undefined, always(0.5))).toBe(200);
  });

  it("honours the provider's Retry-After over the backoff, even beyond maxDelayMs", () => {
    expect(nextRetryDelayMs(policy, 0, 3, always(0))).toBe(3_000);
    expect(nextRetryDelayMs(policy, 9, 0, top)).toBe(0);
    expect(nextRetryDelayMs(policy, 0, 120, top)).toBe(120_000);
  });

  it('rounds a fractional Retry-After up, never waiting less than asked', () => {
    expect(nextRetryDelayMs(policy, 0, 1.5, top)).toBe(1_500);
    expect(nextRetryDelayMs(policy, 0, 0.0004, top)).toBe(1);
    expect(nextRetryDelayMs(policy, 0, 1.2345, top)).toBe(1_235);
    // 0.3 × 1000 is 300.00000000000006 in floating point: still 300.
    expect(nextRetryDelayMs(policy, 0, 0.3, top)).toBe(300);
  });

  it('ignores a garbled Retry-After', () => {
    for (const garbled of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(nextRetryDelayMs(policy, 1, garbled, always(0.5))).toBe(100);
    }
  });
});
