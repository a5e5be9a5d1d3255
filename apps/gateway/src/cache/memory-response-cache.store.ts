import type { CacheEntryOwner, CachePurgeScope, ResponseCacheStore } from './response-cache.store';

interface MemoryEntry {
  value: string;
  expiresAt: number;
  owner: CacheEntryOwner;
}

/**
 * The cache in this process, for a gateway without REDIS_URL (one replica: another replica
 * would keep its own). Bounded: a Map keeps insertion order, so re-inserting on every hit
 * makes its first entry the least recently used one, which goes first when it is full.
 */
export class MemoryResponseCacheStore implements ResponseCacheStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, MemoryEntry>();

  constructor(
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(null);
    this.entries.delete(key);
    if (entry.expiresAt <= this.clock()) return Promise.resolve(null);
    this.entries.set(key, entry);
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlSeconds: number, owner: CacheEntryOwner): Promise<void> {
    if (this.maxEntries === 0) return Promise.resolve();
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.clock() + ttlSeconds * 1_000, owner });
    while (this.entries.size > this.maxEntries) {
      const coldest = this.entries.keys().next();
      if (coldest.done) break;
      this.entries.delete(coldest.value);
    }
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  purge(scope: CachePurgeScope): Promise<number> {
    let removed = 0;
    for (const [key, { owner }] of this.entries) {
      if (covers(scope, owner)) {
        this.entries.delete(key);
        removed += 1;
      }
    }
    return Promise.resolve(removed);
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}

export function covers(scope: CachePurgeScope, owner: CacheEntryOwner): boolean {
  return (
    (scope.tenant === undefined || scope.tenant === owner.tenant) &&
    (scope.keyId === undefined || scope.keyId === owner.keyId) &&
    (scope.model === undefined || scope.model === owner.model)
  );
}
