import { LruCache } from './lru-cache';
import { VectorCache, type CacheEntry, type CacheLookup, type CachedVector } from './vector-cache';

/**
 * The cache in this process (no REDIS_URL): an LRU of `capacity` vectors. Replicas do not
 * share it, and it has no TTL: a vector of a given model, length and text never changes.
 */
export class MemoryVectorCache extends VectorCache {
  readonly kind = 'memory';
  private readonly lru: LruCache<string, CachedVector>;

  constructor(capacity: number) {
    super();
    this.lru = new LruCache(capacity);
  }

  get enabled(): boolean {
    return this.lru.capacity > 0;
  }

  get size(): number {
    return this.lru.size;
  }

  getMany(keys: readonly string[]): Promise<CacheLookup[]> {
    return Promise.resolve(keys.map((key) => this.lru.get(key) ?? 'miss'));
  }

  setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const { key, value } of entries) this.lru.set(key, value);
    return Promise.resolve();
  }
}
