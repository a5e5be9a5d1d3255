import { type Logger, WarnThrottle } from '@conduit/telemetry';
import { Redis } from 'ioredis';
import { VectorCache, type CacheEntry, type CacheLookup } from './vector-cache';
import { decodeCachedVector, encodeCachedVector } from './vector-cache-codec';

export interface RedisVectorCacheOptions {
  url: string;
  /** Every key starts with it: `conduit:ec:` plus the environment's NATS subject prefix. */
  keyPrefix: string;
  /** How long a stored vector lives. */
  ttlSeconds: number;
  /** A lookup or store waits at most this long; then the texts are embedded uncached. */
  commandTimeoutMs: number;
  logger: Logger;
}

/**
 * Vectors in Redis, shared by every embedding replica: one string key per text
 * (`<keyPrefix><sha256 key>`, model and length are in the hash), its value the vector's float32
 * bytes behind a small header (`vector-cache-codec.ts`), with a TTL. A request's texts are
 * looked up with one MGET and its misses stored with one pipeline of SET … EX.
 */
export class RedisVectorCache extends VectorCache {
  readonly kind = 'redis';
  readonly enabled = true;
  private readonly redis: Redis;
  private readonly firstConnection: Promise<void>;
  private readonly connectionWarnings = new WarnThrottle(10_000);

  constructor(private readonly options: RedisVectorCacheOptions) {
    super();
    this.redis = new Redis(options.url, {
      // Fail fast, never queue: the cache is an optimisation, and a request must not wait on
      // a Redis that is down — its texts are embedded uncached.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      connectionName: 'conduit-embedding-vector-cache',
      // ioredis arms this timer even for a socket that is already gone, which would hold the
      // process open for 2 s after shutdown.
      disconnectTimeout: options.commandTimeoutMs,
    });
    // Without a listener ioredis prints every reconnect failure to stderr.
    this.redis.on('error', (error: Error) => {
      const suppressed = this.connectionWarnings.take();
      if (suppressed !== null) {
        options.logger.warn(
          { err: error.message, suppressed },
          'vector cache: Redis connection error (texts are embedded uncached)',
        );
      }
    });
    this.firstConnection = this.settledFirstConnection();
  }

  async getMany(keys: readonly string[], dimensions: number): Promise<CacheLookup[]> {
    if (keys.length === 0) return [];
    await this.firstConnection;
    const stored = await this.redis.mgetBuffer(keys.map((key) => this.redisKey(key)));
    return stored.map((bytes) =>
      bytes === null ? 'miss' : (decodeCachedVector(bytes, dimensions) ?? 'corrupt'),
    );
  }

  async setMany(entries: readonly CacheEntry[], dimensions: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const { key, value } of entries) {
      const bytes = encodeCachedVector(value, dimensions);
      if (bytes !== null) pipeline.set(this.redisKey(key), bytes, 'EX', this.options.ttlSeconds);
    }
    if (pipeline.length === 0) return;
    await this.firstConnection;
    const results = await pipeline.exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
  }

  override async close(): Promise<void> {
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

  redisKey(key: string): string {
    return `${this.options.keyPrefix}${key}`;
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
