import { type Logger, WarnThrottle } from '@conduit/telemetry';
import { Redis } from 'ioredis';
import { covers } from './memory-response-cache.store';
import type { CacheEntryOwner, CachePurgeScope, ResponseCacheStore } from './response-cache.store';

export interface RedisResponseCacheStoreOptions {
  url: string;
  /** Every key starts with it: `conduit:rc:` plus the environment's NATS subject prefix. */
  keyPrefix: string;
  /** A lookup or store waits at most this long; then the request goes on uncached. */
  commandTimeoutMs: number;
  logger: Logger;
}

/** What is stored under an entry's key: the answer and who wrote it (for purges). */
interface Envelope {
  owner: CacheEntryOwner;
  value: string;
}

/**
 * Cached answers in Redis, shared by every gateway replica. Each entry is a string key with the
 * entry's TTL; three index sets (per tenant, per writing key, per model) name the entries so an
 * admin purge never has to SCAN the keyspace. An index set lives as long as its longest-lived
 * entry; members whose entry expired are harmless (deleting them deletes nothing).
 */
export class RedisResponseCacheStore implements ResponseCacheStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private readonly connectionWarnings = new WarnThrottle(10_000);

  constructor(private readonly options: RedisResponseCacheStoreOptions) {
    this.redis = new Redis(options.url, {
      // Fail fast, never queue: the cache is an optimisation, and a request must not wait on
      // a Redis that is down — it goes on uncached.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      connectionName: 'conduit-gateway-response-cache',
      disconnectTimeout: options.commandTimeoutMs,
      lazyConnect: false,
    });
    this.redis.on('error', (error: Error) => {
      const suppressed = this.connectionWarnings.take();
      if (suppressed !== null) {
        options.logger.warn(
          { err: error.message, suppressed },
          'response cache: Redis connection error (requests go on uncached)',
        );
      }
    });
  }

  async get(key: string): Promise<string | null> {
    const stored = await this.redis.get(this.entryKey(key));
    if (stored === null) return null;
    return (JSON.parse(stored) as Envelope).value;
  }

  async set(key: string, value: string, ttlSeconds: number, owner: CacheEntryOwner): Promise<void> {
    const entryKey = this.entryKey(key);
    const envelope: Envelope = { owner, value };
    const transaction = this.redis
      .multi()
      .set(entryKey, JSON.stringify(envelope), 'EX', ttlSeconds);
    for (const index of this.indexesOf(owner)) {
      // NX gives a new set its first TTL, GT lengthens it for a longer-lived entry.
      transaction
        .sadd(index, entryKey)
        .expire(index, ttlSeconds, 'NX')
        .expire(index, ttlSeconds, 'GT');
    }
    const results = await transaction.exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.entryKey(key));
  }

  async purge(scope: CachePurgeScope): Promise<number> {
    const index = this.narrowestIndex(scope);
    if (index === null) throw new Error('a purge must name a tenant, a key or a model');
    const members = await this.redis.smembers(index);
    let removed = 0;
    for (let start = 0; start < members.length; start += 500) {
      const batch = members.slice(start, start + 500);
      const stored = await this.redis.mget(batch);
      const doomed = batch.filter((_, i) => {
        const envelope = stored[i];
        return envelope != null && covers(scope, (JSON.parse(envelope) as Envelope).owner);
      });
      if (doomed.length > 0) removed += await this.redis.del(...doomed);
    }
    // When the scope is exactly that index, its stale members go too.
    if (Object.values(scope).filter((v) => v !== undefined).length === 1) {
      await this.redis.del(index);
    }
    return removed;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private entryKey(key: string): string {
    return `${this.options.keyPrefix}e:${key}`;
  }

  private indexesOf(owner: CacheEntryOwner): string[] {
    const indexes = [this.indexKey('t', owner.tenant), this.indexKey('m', owner.model)];
    if (owner.keyId) indexes.push(this.indexKey('k', owner.keyId));
    return indexes;
  }

  /** A key's index is smaller than its tenant's, which is usually smaller than a model's. */
  private narrowestIndex(scope: CachePurgeScope): string | null {
    if (scope.keyId !== undefined) return this.indexKey('k', scope.keyId);
    if (scope.tenant !== undefined) return this.indexKey('t', scope.tenant);
    if (scope.model !== undefined) return this.indexKey('m', scope.model);
    return null;
  }

  private indexKey(kind: 't' | 'k' | 'm', id: string): string {
    return `${this.options.keyPrefix}i:${kind}:${id}`;
  }
}
