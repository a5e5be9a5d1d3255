import { createHash } from 'node:crypto';

/** A cached embedding: the packed vector and the text's token count, so a hit costs no tokenizer. */
export interface CachedVector {
  /** float32 little-endian bytes, base64: the form the reply carries. */
  vector: string;
  tokens: number;
}

export interface CacheEntry {
  key: string;
  value: CachedVector;
}

/**
 * What the cache knows of a key: the vector, nothing, or a value it cannot trust (wrong size,
 * unknown format), which the caller treats as a miss and overwrites.
 */
export type CacheLookup = CachedVector | 'miss' | 'corrupt';

/**
 * Vectors already computed, keyed by a SHA-256 of model, length and text. The hash keeps keys
 * a fixed 44 characters however long the text, and the cache holds no caller text. Two stores:
 * an LRU in memory per replica (`MemoryVectorCache`), or Redis shared by every replica
 * (`RedisVectorCache`). Either way a miss is only a provider call, never a wrong answer: the
 * caller treats a store that fails as a miss of every key.
 */
export abstract class VectorCache {
  abstract readonly kind: 'memory' | 'redis';

  /** False when the cache stores nothing (EMBEDDING_CACHE_ENTRIES=0): lookups are skipped. */
  abstract get enabled(): boolean;

  /** What is stored under each of `keys`, in order; throws when the store cannot answer. */
  abstract getMany(keys: readonly string[], dimensions: number): Promise<CacheLookup[]>;

  /** Stores vectors of `dimensions` floats; throws when the store cannot. */
  abstract setMany(entries: readonly CacheEntry[], dimensions: number): Promise<void>;

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The cache key of a text; computed once per text and reused for lookups, stores and batching. */
  static key(modelId: string, dimensions: number, text: string): string {
    // NUL separators: a model id or number can never contain one, so no two inputs collide.
    return createHash('sha256')
      .update(modelId)
      .update('\0')
      .update(String(dimensions))
      .update('\0')
      .update(text)
      .digest('base64');
  }
}
