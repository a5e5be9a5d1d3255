import { type Logger, WarnThrottle } from '@conduit/telemetry';
import { Redis } from 'ioredis';
import type { RateLimits } from './rate-limit.types';
import {
  bucketsPerWindow,
  type RateLimitStore,
  type WindowDecision,
  type WindowShape,
} from './rate-limit.store';
import { ADMIT_SCRIPT, SETTLE_SCRIPT, UNLIMITED } from './redis-rate-limit.scripts';

export interface RedisRateLimitStoreOptions {
  url: string;
  /** Every key starts with it (`conduit:rl:` plus the environment's NATS subject prefix). */
  keyPrefix: string;
  window: WindowShape;
  /** A request waits at most this long for Redis before the failure mode decides. */
  commandTimeoutMs: number;
  logger: Logger;
}

/** The commands `defineCommand` adds (EVALSHA, falling back to EVAL once after a SCRIPT FLUSH). */
interface RateLimitCommands {
  conduitRateLimitAdmit(key: string, ...args: number[]): Promise<unknown>;
  conduitRateLimitSettle(key: string, ...args: number[]): Promise<unknown>;
}

/** Counters in Redis, shared by every gateway replica. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private readonly commands: RateLimitCommands;
  private readonly span: number;
  private readonly firstConnection: Promise<void>;
  private readonly connectionWarnings = new WarnThrottle(10_000);

  constructor(private readonly options: RedisRateLimitStoreOptions) {
    this.span = bucketsPerWindow(options.window);
    this.redis = new Redis(options.url, {
      // Fail fast, never queue: a request must not hang on a Redis that is down; the failure
      // mode (closed → 503, open → admit) answers it instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // An admit whose reply was lost has already been answered by the failure mode; sending
      // it again after a reconnect would count that request twice.
      autoResendUnfulfilledCommands: false,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      connectionName: 'conduit-gateway-rate-limit',
      // ioredis arms this timer even for a socket that is already gone, which would hold the
      // process open for 2 s after shutdown.
      disconnectTimeout: options.commandTimeoutMs,
    });
    this.redis.defineCommand('conduitRateLimitAdmit', { numberOfKeys: 1, lua: ADMIT_SCRIPT });
    this.redis.defineCommand('conduitRateLimitSettle', { numberOfKeys: 1, lua: SETTLE_SCRIPT });
    this.commands = this.redis as unknown as RateLimitCommands;
    // Without a listener ioredis prints every reconnect failure to stderr.
    this.redis.on('error', (error: Error) => {
      const suppressed = this.connectionWarnings.take();
      if (suppressed !== null) {
        options.logger.warn(
          { err: error.message, suppressed },
          'rate limiter: Redis connection error',
        );
      }
    });
    this.firstConnection = this.settledFirstConnection();
  }

  async admit(
    subject: string,
    limits: RateLimits,
    estimatedTokens: number,
  ): Promise<WindowDecision> {
    await this.firstConnection;
    const reply = await this.commands.conduitRateLimitAdmit(
      this.keyOf(subject),
      this.options.window.bucketMs,
      this.span,
      limits.rpm ?? UNLIMITED,
      limits.tpm ?? UNLIMITED,
      estimatedTokens,
    );
    return toDecision(reply, limits);
  }

  async settle(subject: string, bucket: number, deltaTokens: number): Promise<void> {
    await this.firstConnection;
    await this.commands.conduitRateLimitSettle(
      this.keyOf(subject),
      this.options.window.bucketMs,
      this.span,
      bucket,
      deltaTokens,
    );
  }

  async ping(): Promise<void> {
    await this.firstConnection;
    await this.redis.ping();
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // The connection died under us: fall through and stop reconnecting.
      }
    }
    this.redis.disconnect();
  }

  keyOf(subject: string): string {
    return `${this.options.keyPrefix}${subject}`;
  }

  /**
   * Requests that arrive while the first connection is still being made wait for it (bounded by
   * the connect timeout) instead of failing on the empty offline queue; after that, a Redis
   * that is down fails each command at once.
   */
  private settledFirstConnection(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        this.redis.off('error', done);
        this.redis.off('end', done);
        resolve();
      };
      const timer = setTimeout(done, this.redis.options.connectTimeout);
      timer.unref();
      this.redis.once('ready', done);
      this.redis.once('error', done);
      this.redis.once('end', done);
    });
  }
}

function toDecision(reply: unknown, limits: RateLimits): WindowDecision {
  if (!isNumberArray(reply)) {
    throw new Error(`unexpected rate-limit script reply: ${JSON.stringify(reply)}`);
  }
  const values = reply;
  if (values[0] === 0) {
    return {
      admitted: false,
      limitType: values[1] === 1 ? 'requests' : 'tokens',
      retryAfterMs: values[2] ?? 0,
    };
  }
  const [, bucket = 0, requestsUsed = 0, tokensUsed = 0, requestsResetMs = 0, tokensResetMs = 0] =
    values;
  return {
    admitted: true,
    bucket,
    requests: limits.rpm === null ? null : { used: requestsUsed, resetMs: requestsResetMs },
    tokens: limits.tpm === null ? null : { used: tokensUsed, resetMs: tokensResetMs },
  };
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}
