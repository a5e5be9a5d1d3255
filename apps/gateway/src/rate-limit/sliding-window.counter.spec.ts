import { ONE_MINUTE_WINDOW, type WindowDecision } from './rate-limit.store';
import { SlidingWindowCounter } from './sliding-window.counter';

// Bucket 1000 starts here; times below are offsets from it.
const T0 = 1_000_000;
const RPM_3 = { rpm: 3, tpm: null };

function admitted(decision: WindowDecision) {
  if (!decision.admitted) throw new Error(`refused: ${JSON.stringify(decision)}`);
  return decision;
}

function refused(decision: WindowDecision) {
  if (decision.admitted) throw new Error(`admitted: ${JSON.stringify(decision)}`);
  return decision;
}

describe('SlidingWindowCounter', () => {
  it('admits rpm requests, then refuses until the oldest leaves the window', () => {
    const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
    expect(admitted(counter.admit(T0 + 500, RPM_3, 0)).requests).toEqual({
      used: 1,
      resetMs: 60_500,
    });
    admitted(counter.admit(T0 + 500, RPM_3, 0));
    expect(admitted(counter.admit(T0 + 500, RPM_3, 0)).requests?.used).toBe(3);
    expect(counter.admit(T0 + 500, RPM_3, 0)).toEqual({
      admitted: false,
      limitType: 'requests',
      retryAfterMs: 60_500,
    });
  });

  it('slides: a request counts for 60 s plus at most the rest of its one-second bucket', () => {
    const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
    admitted(counter.admit(T0 + 100, RPM_3, 0));
    admitted(counter.admit(T0 + 900, RPM_3, 0));
    admitted(counter.admit(T0 + 30_000, RPM_3, 0));
    // The two oldest must leave before one more fits: the first one leaving is enough.
    expect(refused(counter.admit(T0 + 45_000, RPM_3, 0)).retryAfterMs).toBe(16_000);
    expect(refused(counter.admit(T0 + 60_999, RPM_3, 0)).retryAfterMs).toBe(1);
    const decision = admitted(counter.admit(T0 + 61_000, RPM_3, 0));
    expect(decision.requests).toEqual({ used: 2, resetMs: 61_000 });
  });

  it('never admits more than the limit in any 60 s, and never refuses below it over 61 s', () => {
    const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
    const rpm = 20;
    const admittedAt: number[] = [];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let now = T0;
    for (let i = 0; i < 3_000; i++) {
      now += Math.floor(random() * 400);
      const inLast = (ms: number) => admittedAt.filter((at) => at > now - ms).length;
      const exact60 = inLast(60_000);
      const exact61 = inLast(61_000);
      const decision = counter.admit(now, { rpm, tpm: null }, 0);
      if (decision.admitted) {
        admittedAt.push(now);
        expect(exact60).toBeLessThan(rpm);
      } else {
        expect(exact61).toBeGreaterThanOrEqual(rpm);
      }
    }
    // The walk must have hit the limit often, or it proved nothing.
    expect(admittedAt.length).toBeLessThan(2_000);
    expect(admittedAt.length).toBeGreaterThan(100);
  });

  describe('tokens', () => {
    const TPM_100 = { rpm: null, tpm: 100 };

    it('refuses once the tokens already used reach tpm, not because of the own estimate', () => {
      const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
      // Larger than the whole limit, but the window is empty: admitted.
      const first = admitted(counter.admit(T0, TPM_100, 500));
      expect(first.tokens).toEqual({ used: 500, resetMs: 61_000 });
      expect(first.requests).toBeNull();
      expect(counter.admit(T0 + 10_000, TPM_100, 1)).toEqual({
        admitted: false,
        limitType: 'tokens',
        retryAfterMs: 51_000,
      });
    });

    it('admits while below tpm and finds when enough tokens have left', () => {
      const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
      admitted(counter.admit(T0, TPM_100, 30));
      admitted(counter.admit(T0 + 5_000, TPM_100, 30));
      admitted(counter.admit(T0 + 10_000, TPM_100, 50));
      // 110 used: 11 must leave, and the 30 from T0 are enough once they go...
      expect(refused(counter.admit(T0 + 20_000, TPM_100, 10)).retryAfterMs).toBe(41_000);
      // ...61 s after they came.
      expect(admitted(counter.admit(T0 + 61_000, TPM_100, 10)).tokens?.used).toBe(90);
    });

    it('settle corrects the estimate in the bucket it was counted in', () => {
      const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
      const first = admitted(counter.admit(T0, TPM_100, 500));
      refused(counter.admit(T0 + 1_000, TPM_100, 0));
      counter.settle(T0 + 2_000, first.bucket, 20 - 500);
      expect(admitted(counter.admit(T0 + 2_000, TPM_100, 0)).tokens?.used).toBe(20);
      counter.settle(T0 + 3_000, first.bucket, 90);
      expect(refused(counter.admit(T0 + 3_000, TPM_100, 0)).retryAfterMs).toBe(58_000);
    });

    it('after the bucket left the window, only extra tokens count, now', () => {
      const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
      const first = admitted(counter.admit(T0, TPM_100, 50));
      counter.settle(T0 + 90_000, first.bucket, -50);
      expect(admitted(counter.admit(T0 + 90_000, TPM_100, 0)).tokens?.used).toBe(0);
      counter.settle(T0 + 90_000, first.bucket, 120);
      expect(refused(counter.admit(T0 + 90_500, TPM_100, 0)).retryAfterMs).toBe(60_500);
    });

    it('counts requests and tokens side by side; the first limit reached refuses', () => {
      const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
      const both = { rpm: 2, tpm: 1_000 };
      expect(admitted(counter.admit(T0, both, 100)).tokens?.used).toBe(100);
      admitted(counter.admit(T0, both, 100));
      expect(refused(counter.admit(T0, both, 100)).limitType).toBe('requests');
    });
  });

  it('is idle once nothing is left in the window', () => {
    const counter = new SlidingWindowCounter(ONE_MINUTE_WINDOW);
    admitted(counter.admit(T0, RPM_3, 0));
    expect(counter.isIdle(T0 + 60_999)).toBe(false);
    expect(counter.isIdle(T0 + 61_000)).toBe(true);
  });

  it('rejects a window that is not a whole number of buckets', () => {
    expect(() => new SlidingWindowCounter({ windowMs: 1_000, bucketMs: 300 })).toThrow(
      /multiple of the bucket/,
    );
  });
});
