import { RateLimitExceededError, ServiceUnavailableError } from '@conduit/contracts';
import { createLogger, type Logger, WarnThrottle } from '@conduit/telemetry';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { formatResetDuration, toRateLimitHeaders } from './rate-limit-headers.mapper';
import { rateLimiterUnavailable, rateLimitRefusals } from './rate-limit.metrics';
import { ONE_MINUTE_WINDOW, type RateLimitStore, type WindowShape } from './rate-limit.store';
import type { RateLimiterHealth, RateLimits, RateLimitTicket } from './rate-limit.types';
import { RedisRateLimitStore } from './redis-rate-limit.store';

export type {
  RateLimitHeaders,
  RateLimiterHealth,
  RateLimits,
  RateLimitTicket,
} from './rate-limit.types';

export interface RateLimiterOptions {
  /** Unset: counters in this process (one gateway replica only). */
  redisUrl?: string;
  /** Separates environments (and test runs) sharing one Redis: the NATS subject prefix. */
  namespace?: string;
  failureMode: 'open' | 'closed';
  /** Tests only: a shorter window. Production is always one minute. */
  window?: WindowShape;
  /** Tests only: the memory backend's clock (Redis uses its own time). */
  clock?: () => number;
  redisCommandTimeoutMs?: number;
  maxMemorySubjects?: number;
  logger?: Logger;
}

const KEY_PREFIX = 'conduit:rl:';
const UNLIMITED_TICKET: RateLimitTicket = {
  headers: {},
  settle: () => Promise.resolve(),
  addEstimate: () => Promise.resolve(),
};

/**
 * Requests-per-minute and tokens-per-minute limits per subject (a virtual key's id), over a
 * sliding one-minute window. A request is refused when the window already holds `rpm`
 * requests, or `tpm` or more tokens; its own token estimate is counted on admission and
 * corrected by `settle` once the real usage is known. See SlidingWindowCounter for the window.
 */
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  readonly backend: 'redis' | 'memory';
  private readonly store: RateLimitStore;
  private readonly window: WindowShape;
  private readonly failureMode: 'open' | 'closed';
  private readonly logger: Logger;
  private readonly failureWarnings = new WarnThrottle(5_000);

  constructor(options: RateLimiterOptions) {
    this.window = options.window ?? ONE_MINUTE_WINDOW;
    this.failureMode = options.failureMode;
    this.logger = options.logger ?? createLogger('gateway');
    this.store = options.redisUrl
      ? new RedisRateLimitStore({
          url: options.redisUrl,
          keyPrefix: `${KEY_PREFIX}${options.namespace ? `${options.namespace}:` : ''}`,
          window: this.window,
          commandTimeoutMs: options.redisCommandTimeoutMs ?? 500,
          logger: this.logger,
        })
      : new MemoryRateLimitStore({
          window: this.window,
          clock: options.clock ?? Date.now,
          maxSubjects: options.maxMemorySubjects ?? 100_000,
        });
    this.backend = this.store.kind;
  }

  static fromConfig(config: GatewayConfig): RateLimiter {
    return new RateLimiter({
      redisUrl: config.REDIS_URL,
      namespace: config.NATS_SUBJECT_PREFIX,
      failureMode: config.GATEWAY_RATE_LIMIT_FAILURE_MODE,
      logger: createLogger('gateway', config.LOG_LEVEL),
    });
  }

  onModuleInit(): void {
    if (this.backend === 'memory') {
      this.logger.warn(
        'rate limits are counted in memory (REDIS_URL is not set): each gateway replica enforces them separately, so run a single replica or set REDIS_URL',
      );
    } else {
      this.logger.info(
        { failureMode: this.failureMode },
        'rate limits are counted in Redis, shared by every gateway replica',
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }

  /**
   * Admits one request for `subject` or throws RateLimitExceededError (429). `estimatedTokens`
   * is the worst case (input tokens + max output); `settle` the ticket with the real usage.
   * With both limits null nothing is counted and no store is asked.
   */
  async admit(
    subject: string,
    limits: RateLimits,
    estimatedTokens: number,
  ): Promise<RateLimitTicket> {
    if (limits.rpm === null && limits.tpm === null) return UNLIMITED_TICKET;
    const estimate = wholeTokens(estimatedTokens);
    let decision;
    try {
      decision = await this.store.admit(subject, limits, estimate);
    } catch (error) {
      return this.storeFailed(error);
    }
    if (!decision.admitted) {
      rateLimitRefusals.inc({ limit_type: decision.limitType });
      throw this.refusal(decision.limitType, limits, decision.retryAfterMs);
    }
    const { bucket } = decision;
    let settled = false;
    let estimated = estimate;
    return {
      headers: toRateLimitHeaders(limits, decision.requests, decision.tokens),
      addEstimate: async (tokens: number) => {
        const more = wholeTokens(tokens);
        if (settled || limits.tpm === null || more === 0) return;
        try {
          await this.store.settle(subject, bucket, more);
          estimated += more;
        } catch (error) {
          this.storeFailed(error);
        }
      },
      settle: async (actualTokens: number) => {
        if (settled || limits.tpm === null) return;
        settled = true;
        const delta = wholeTokens(actualTokens) - estimated;
        if (delta === 0) return;
        try {
          await this.store.settle(subject, bucket, delta);
        } catch (error) {
          this.logger.warn(
            { err: (error as Error).message, subject, delta },
            'rate limiter: could not settle token usage; the window keeps the estimate',
          );
        }
      },
    };
  }

  /** For `/health/ready`. In open mode a broken Redis degrades limits but not readiness. */
  async check(): Promise<RateLimiterHealth> {
    try {
      await this.store.ping();
      return {
        ok: true,
        detail: this.backend === 'redis' ? 'redis' : 'in memory (limits are per replica)',
      };
    } catch (error) {
      const reason = `redis unreachable: ${(error as Error).message}`;
      return this.failureMode === 'open'
        ? { ok: true, detail: `${reason}; failing open (requests are not rate limited)` }
        : { ok: false, detail: reason };
    }
  }

  private storeFailed(error: unknown): RateLimitTicket {
    rateLimiterUnavailable.inc({ failure_mode: this.failureMode });
    const suppressed = this.failureWarnings.take();
    if (suppressed !== null) {
      this.logger.warn(
        { err: (error as Error).message, failureMode: this.failureMode, suppressed },
        this.failureMode === 'open'
          ? 'rate limiter unavailable: letting requests through without rate limits'
          : 'rate limiter unavailable: refusing requests',
      );
    }
    if (this.failureMode === 'open') return UNLIMITED_TICKET;
    throw new ServiceUnavailableError(
      'The rate limiter is unavailable, so the request was not attempted. Please retry shortly.',
      { code: 'rate_limiter_unavailable', cause: error },
    );
  }

  private refusal(
    limitType: 'requests' | 'tokens',
    limits: RateLimits,
    retryAfterMs: number,
  ): RateLimitExceededError {
    const limit = (limitType === 'requests' ? limits.rpm : limits.tpm) ?? 0;
    // Millisecond precision for clients that use it; the Retry-After header rounds it up.
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs)) / 1000;
    return new RateLimitExceededError(
      `Rate limit reached: this key may use ${limit} ${limitType} per ${this.windowName()}. ` +
        `Retry in ${Math.ceil(retryAfterSeconds)} s.`,
      {
        code: 'rate_limit_exceeded',
        details: {
          limit_type: limitType,
          limit,
          retry_after_seconds: retryAfterSeconds,
          // OpenAI sends its x-ratelimit-* headers on 429s too; clients back off by them.
          rate_limit_headers: {
            [`x-ratelimit-limit-${limitType}`]: String(limit),
            [`x-ratelimit-remaining-${limitType}`]: '0',
            [`x-ratelimit-reset-${limitType}`]: formatResetDuration(retryAfterMs),
          },
        },
      },
    );
  }

  private windowName(): string {
    return this.window.windowMs === 60_000 ? 'minute' : `${this.window.windowMs / 1000} s`;
  }
}

/** Token counts are whole and never negative, whatever a caller's estimate looks like. */
function wholeTokens(tokens: number): number {
  return Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
}
