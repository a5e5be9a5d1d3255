import { RollingWindow } from './rolling-window';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Trip when failures / requests over the window reach this, in (0, 1]. */
  failureRateThreshold: number;
  /** Fewer completed calls than this in the window never trip: too little evidence. */
  minimumRequests: number;
  windowMs: number;
  /** How long an open breaker rejects before letting probes through. */
  openDurationMs: number;
  /** Concurrent probe calls allowed while half-open. */
  halfOpenMaxProbes: number;
  /** Milliseconds; Date.now by default. Injected so tests control time. */
  now?: () => number;
}

/** Permission for one call. Report its outcome exactly once; later reports are ignored. */
export interface CircuitPermit {
  succeeded(): void;
  failed(): void;
  /** the outcome says nothing about the deployment's health (caller's fault, cancelled) */
  released(): void;
}

export interface CircuitSnapshot {
  state: CircuitState;
  /** Calls and failures in the closed-state window (emptied each time the breaker closes). */
  requests: number;
  failures: number;
  /** 0 when there were no requests. */
  failureRate: number;
  /** While open or half-open: when the breaker (last) opened, and when probing may start. */
  openedAt?: number;
  retryAt?: number;
}

type Outcome = 'success' | 'failure' | 'released';

const WINDOW_BUCKETS = 10;

/**
 * A circuit breaker for one deployment: stop sending traffic to something that is failing, so
 * callers fail over fast instead of waiting on it, and let a few probes find out when it is back.
 *
 * closed → open when, over the rolling window, at least `minimumRequests` calls completed and the
 * failure rate is at least `failureRateThreshold`; open → half_open once `openDurationMs` has
 * passed (noticed lazily, on the next look at the state: no timers to clean up); half_open lets
 * `halfOpenMaxProbes` concurrent probes through, and the first probe success closes it with a
 * fresh window while the first probe failure re-opens it for a fresh open period.
 *
 * Every transition starts a new epoch. A permit only counts in the epoch it was issued in: calls
 * that started before the breaker opened, or probes still running after another probe decided
 * the outcome, are answers to a question that has already been settled.
 */
export class CircuitBreaker {
  private readonly now: () => number;
  private readonly window: RollingWindow;
  private current: CircuitState = 'closed';
  private epoch = 0;
  private probesInFlight = 0;
  private openedAt: number | undefined;
  private retryAt: number | undefined;

  constructor(
    readonly name: string,
    private readonly options: CircuitBreakerOptions,
    private readonly onStateChange?: (to: CircuitState, from: CircuitState) => void,
  ) {
    validate(name, options);
    this.now = options.now ?? (() => Date.now());
    this.window = new RollingWindow(options.windowMs, WINDOW_BUCKETS, this.now);
  }

  /** Reading it may move an open breaker whose open period is over to half_open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.retryAt !== undefined && this.now() >= this.retryAt) {
      this.transition('half_open');
    }
    return this.current;
  }

  /** A permit for one call, or undefined when the call must not be made (fail fast instead). */
  tryAcquire(): CircuitPermit | undefined {
    switch (this.state) {
      case 'closed':
        return this.issue();
      case 'open':
        return undefined;
      case 'half_open':
        if (this.probesInFlight >= this.options.halfOpenMaxProbes) return undefined;
        this.probesInFlight += 1;
        return this.issue();
    }
  }

  snapshot(): CircuitSnapshot {
    const state = this.state;
    const { requests, failures } = this.window.totals();
    const snapshot: CircuitSnapshot = {
      state,
      requests,
      failures,
      failureRate: requests === 0 ? 0 : failures / requests,
    };
    if (this.openedAt !== undefined) snapshot.openedAt = this.openedAt;
    if (this.retryAt !== undefined) snapshot.retryAt = this.retryAt;
    return snapshot;
  }

  private issue(): CircuitPermit {
    const epoch = this.epoch;
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      this.settle(epoch, outcome);
    };
    return {
      succeeded: () => settle('success'),
      failed: () => settle('failure'),
      released: () => settle('released'),
    };
  }

  private settle(epoch: number, outcome: Outcome): void {
    if (epoch !== this.epoch) return;
    // Permits are never issued while open, so a current-epoch permit is closed or half_open.
    if (this.current === 'closed') {
      if (outcome === 'released') return;
      this.window.record(outcome === 'failure');
      const { requests, failures } = this.window.totals();
      if (
        requests >= this.options.minimumRequests &&
        failures / requests >= this.options.failureRateThreshold
      ) {
        this.transition('open');
      }
    } else if (this.current === 'half_open') {
      this.probesInFlight -= 1;
      if (outcome === 'success') this.transition('closed');
      else if (outcome === 'failure') this.transition('open');
    }
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.epoch += 1;
    this.probesInFlight = 0;
    if (to === 'open') {
      this.openedAt = this.now();
      this.retryAt = this.openedAt + this.options.openDurationMs;
    } else if (to === 'closed') {
      this.openedAt = undefined;
      this.retryAt = undefined;
      this.window.clear();
    }
    // Last, with the breaker already consistent: a listener that throws or calls back into the
    // breaker cannot leave it half-transitioned.
    this.onStateChange?.(to, from);
  }
}

function validate(name: string, options: CircuitBreakerOptions): void {
  const fail = (message: string) => {
    throw new Error(`Circuit breaker "${name}": ${message}`);
  };
  const threshold = options.failureRateThreshold;
  if (!(Number.isFinite(threshold) && threshold > 0 && threshold <= 1)) {
    fail(`failureRateThreshold must be in (0, 1], got ${threshold}`);
  }
  for (const key of [
    'minimumRequests',
    'windowMs',
    'openDurationMs',
    'halfOpenMaxProbes',
  ] as const) {
    const value = options[key];
    if (!Number.isSafeInteger(value) || value <= 0) {
      fail(`${key} must be a positive integer, got ${value}`);
    }
  }
}
