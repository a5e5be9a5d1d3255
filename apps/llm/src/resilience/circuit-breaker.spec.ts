import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPermit,
  type CircuitState,
} from './circuit-breaker';

describe('CircuitBreaker', () => {
  let time: number;
  let transitions: Array<[CircuitState, CircuitState]>;

  const options = (overrides: Partial<CircuitBreakerOptions> = {}): CircuitBreakerOptions => ({
    failureRateThreshold: 0.5,
    minimumRequests: 4,
    windowMs: 10_000,
    openDurationMs: 5_000,
    halfOpenMaxProbes: 2,
    now: () => time,
    ...overrides,
  });
  const breaker = (overrides: Partial<CircuitBreakerOptions> = {}) =>
    new CircuitBreaker('openai/gpt-4o-mini', options(overrides), (to, from) =>
      transitions.push([from, to]),
    );
  const acquire = (b: CircuitBreaker): CircuitPermit => {
    const permit = b.tryAcquire();
    if (!permit) throw new Error(`expected a permit while ${b.state}`);
    return permit;
  };
  const succeed = (b: CircuitBreaker, times = 1) => {
    for (let i = 0; i < times; i++) acquire(b).succeeded();
  };
  const fail = (b: CircuitBreaker, times = 1) => {
    for (let i = 0; i < times; i++) acquire(b).failed();
  };
  /** Trips the breaker and waits out the open period. */
  const halfOpen = (b: CircuitBreaker) => {
    fail(b, 4);
    expect(b.state).toBe('open');
    time += 5_000;
    expect(b.state).toBe('half_open');
    transitions = [];
  };

  beforeEach(() => {
    time = 1_700_000_000_000;
    transitions = [];
  });

  describe('closed', () => {
    it('stays closed below minimumRequests, however many of them fail', () => {
      const b = breaker();
      fail(b, 3);
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toEqual({ state: 'closed', requests: 3, failures: 3, failureRate: 1 });
      expect(transitions).toEqual([]);
    });

    it('stays closed below the failure rate', () => {
      const b = breaker();
      succeed(b, 3);
      fail(b, 2);
      expect(b.state).toBe('closed');
      expect(b.snapshot().failureRate).toBeCloseTo(0.4);
    });

    it('opens once enough calls reached the threshold', () => {
      const b = breaker();
      succeed(b, 2);
      fail(b);
      expect(b.state).toBe('closed');
      fail(b);
      expect(b.state).toBe('open');
      expect(b.snapshot()).toEqual({
        state: 'open',
        requests: 4,
        failures: 2,
        failureRate: 0.5,
        openedAt: time,
        retryAt: time + 5_000,
      });
      expect(transitions).toEqual([['closed', 'open']]);
    });

    it('can open on a success that brings the window up to minimumRequests', () => {
      const b = breaker();
      fail(b, 2);
      succeed(b);
      expect(b.state).toBe('closed');
      succeed(b);
      expect(b.state).toBe('open');
    });

    it('forgets failures older than the window', () => {
      const b = breaker();
      fail(b, 3);
      time += 10_000;
      expect(b.snapshot()).toMatchObject({ requests: 0, failures: 0, failureRate: 0 });
      fail(b);
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toMatchObject({ requests: 1, failures: 1 });
    });

    it('does not count released calls', () => {
      const b = breaker();
      for (let i = 0; i < 10; i++) acquire(b).released();
      fail(b, 3);
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toMatchObject({ requests: 3, failures: 3 });
    });

    it('lets any number of concurrent calls through', () => {
      const b = breaker();
      const permits = Array.from({ length: 100 }, () => b.tryAcquire());
      expect(permits.every((p) => p !== undefined)).toBe(true);
    });
  });

  describe('open', () => {
    it('rejects until openDurationMs has passed', () => {
      const b = breaker();
      fail(b, 4);
      expect(b.tryAcquire()).toBeUndefined();
      time += 4_999;
      expect(b.tryAcquire()).toBeUndefined();
      expect(b.state).toBe('open');
      time += 1;
      expect(b.state).toBe('half_open');
      expect(transitions).toEqual([
        ['closed', 'open'],
        ['open', 'half_open'],
      ]);
    });

    it('turns half-open lazily on tryAcquire and snapshot too', () => {
      const b = breaker();
      fail(b, 4);
      time += 5_000;
      expect(b.tryAcquire()).toBeDefined();
      expect(transitions).toEqual([
        ['closed', 'open'],
        ['open', 'half_open'],
      ]);

      const c = breaker();
      fail(c, 4);
      time += 5_000;
      expect(c.snapshot().state).toBe('half_open');
    });
  });

  describe('half_open', () => {
    it('lets exactly halfOpenMaxProbes concurrent probes through', () => {
      const b = breaker({ halfOpenMaxProbes: 3 });
      halfOpen(b);
      const probes = [b.tryAcquire(), b.tryAcquire(), b.tryAcquire()];
      expect(probes.every((p) => p !== undefined)).toBe(true);
      expect(b.tryAcquire()).toBeUndefined();
      expect(b.tryAcquire()).toBeUndefined();
      expect(b.state).toBe('half_open');
    });

    it('closes on a probe success, with a fresh window', () => {
      const b = breaker();
      halfOpen(b);
      acquire(b).succeeded();
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toEqual({ state: 'closed', requests: 0, failures: 0, failureRate: 0 });
      expect(transitions).toEqual([['half_open', 'closed']]);
      // The failures that tripped it are gone: three more are below minimumRequests again.
      fail(b, 3);
      expect(b.state).toBe('closed');
    });

    it('re-opens on a probe failure, for a fresh open period', () => {
      const b = breaker();
      halfOpen(b);
      time += 1_234;
      acquire(b).failed();
      expect(b.state).toBe('open');
      expect(b.snapshot()).toMatchObject({ openedAt: time, retryAt: time + 5_000 });
      expect(b.tryAcquire()).toBeUndefined();
      time += 4_999;
      expect(b.state).toBe('open');
      time += 1;
      expect(b.state).toBe('half_open');
      expect(transitions).toEqual([
        ['half_open', 'open'],
        ['open', 'half_open'],
      ]);
    });

    it('frees the probe slot on released() without closing', () => {
      const b = breaker({ halfOpenMaxProbes: 1 });
      halfOpen(b);
      const probe = acquire(b);
      expect(b.tryAcquire()).toBeUndefined();
      probe.released();
      expect(b.state).toBe('half_open');
      expect(transitions).toEqual([]);
      acquire(b).succeeded();
      expect(b.state).toBe('closed');
    });

    it('ignores the other probes once one has decided', () => {
      const b = breaker();
      halfOpen(b);
      const [first, second] = [acquire(b), acquire(b)];
      first.succeeded();
      second.failed();
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toMatchObject({ requests: 0, failures: 0 });
      expect(transitions).toEqual([['half_open', 'closed']]);
    });
  });

  describe('permits', () => {
    it('ignores results from calls started before the breaker opened', () => {
      const b = breaker();
      const slow = [acquire(b), acquire(b), acquire(b)];
      fail(b, 4);
      expect(b.state).toBe('open');
      slow[0].succeeded();
      time += 5_000;
      expect(b.state).toBe('half_open');
      // A success from the old closed epoch must not close a half-open breaker.
      slow[1].succeeded();
      expect(b.state).toBe('half_open');
      // Nor may it take a probe slot's place: both probes are still available.
      const probes = [b.tryAcquire(), b.tryAcquire()];
      expect(probes.every((p) => p !== undefined)).toBe(true);
      expect(b.tryAcquire()).toBeUndefined();
      // Nor a failure re-open it.
      slow[2].failed();
      expect(b.state).toBe('half_open');
      expect(transitions).toEqual([
        ['closed', 'open'],
        ['open', 'half_open'],
      ]);
    });

    it('ignores results from a closed epoch in a later closed epoch', () => {
      const b = breaker();
      const slow = Array.from({ length: 4 }, () => acquire(b));
      halfOpen(b);
      acquire(b).succeeded();
      expect(b.state).toBe('closed');
      for (const permit of slow) permit.failed();
      expect(b.state).toBe('closed');
      expect(b.snapshot()).toMatchObject({ requests: 0, failures: 0 });
    });

    it('counts only the first settlement of a permit', () => {
      const b = breaker();
      const permit = acquire(b);
      permit.failed();
      permit.failed();
      permit.succeeded();
      permit.released();
      expect(b.snapshot()).toMatchObject({ requests: 1, failures: 1 });
    });

    it('does not free a probe slot twice', () => {
      const b = breaker({ halfOpenMaxProbes: 1 });
      halfOpen(b);
      const probe = acquire(b);
      probe.released();
      probe.released();
      acquire(b);
      expect(b.tryAcquire()).toBeUndefined();
    });

    it('ignores a second settlement even after it changed the state', () => {
      const b = breaker();
      halfOpen(b);
      const probe = acquire(b);
      probe.failed();
      time += 5_000;
      expect(b.state).toBe('half_open');
      probe.succeeded();
      expect(b.state).toBe('half_open');
    });
  });

  it('fires onStateChange once per transition, however often the state is read', () => {
    const b = breaker();
    fail(b, 4);
    expect(b.state).toBe('open');
    expect(b.state).toBe('open');
    time += 5_000;
    for (let i = 0; i < 5; i++) expect(b.state).toBe('half_open');
    b.snapshot();
    acquire(b).succeeded();
    expect(b.state).toBe('closed');
    expect(transitions).toEqual([
      ['closed', 'open'],
      ['open', 'half_open'],
      ['half_open', 'closed'],
    ]);
  });

  it('works without a listener and with the real clock', () => {
    const b = new CircuitBreaker('local/echo', { ...options(), now: undefined });
    fail(b, 4);
    expect(b.state).toBe('open');
    const { openedAt, retryAt } = b.snapshot();
    expect(Math.abs(openedAt! - Date.now())).toBeLessThan(1_000);
    expect(retryAt).toBe(openedAt! + 5_000);
  });

  it.each<[Partial<CircuitBreakerOptions>, RegExp]>([
    [{ failureRateThreshold: 0 }, /failureRateThreshold must be in \(0, 1\], got 0/],
    [{ failureRateThreshold: 1.01 }, /failureRateThreshold/],
    [{ failureRateThreshold: Number.NaN }, /failureRateThreshold/],
    [{ minimumRequests: 0 }, /minimumRequests must be a positive integer, got 0/],
    [{ windowMs: 1.5 }, /windowMs/],
    [{ openDurationMs: -1 }, /openDurationMs/],
    [{ halfOpenMaxProbes: Number.POSITIVE_INFINITY }, /halfOpenMaxProbes/],
  ])('rejects invalid options %j', (overrides, message) => {
    expect(() => breaker(overrides)).toThrow(message);
    expect(() => breaker(overrides)).toThrow(/Circuit breaker "openai\/gpt-4o-mini"/);
  });

  it('accepts a threshold of exactly 1: open only when every call failed', () => {
    const b = breaker({ failureRateThreshold: 1 });
    fail(b, 3);
    succeed(b);
    fail(b, 10);
    expect(b.state).toBe('closed');
    time += 10_000;
    fail(b, 4);
    expect(b.state).toBe('open');
  });
});
