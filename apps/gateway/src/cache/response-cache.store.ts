/** Where a cached answer was written, so an admin can purge by team, key or model. */
export interface CacheEntryOwner {
  /** The tenant the entry is scoped to: `team:<id>`, `key:<id>` (teamless) or `admin`. */
  tenant: string;
  /** The key that wrote it (null for the admin key). */
  keyId: string | null;
  /** The canonical model id (after alias resolution). */
  model: string;
}

/** Which entries a purge removes; every field given must match. */
export interface CachePurgeScope {
  tenant?: string;
  keyId?: string;
  model?: string;
}

/**
 * Serialised answers by cache key, with a TTL. Implementations fail by throwing; the response
 * cache turns a failure into "no cache for this request", never into an error for the caller.
 */
export interface ResponseCacheStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number, owner: CacheEntryOwner): Promise<void>;
  /** Drops a corrupt entry. */
  delete(key: string): Promise<void>;
  /** Removes every entry the scope covers; returns how many. */
  purge(scope: CachePurgeScope): Promise<number>;
  close(): Promise<void>;
}
