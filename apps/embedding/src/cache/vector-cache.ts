import { createHash } from 'node:crypto';
import { LruCache } from './lru-cache';

/** A cached embedding: the packed vector and the text's token count, so a hit costs no tokenizer. */
export interface CachedVector {
  vector: string;
  tokens: number;
}

/**
 * Vectors already computed, in memory per replica, keyed by a SHA-256 of model, length and
 * text. The hash keeps keys a fixed 44 characters however long the text, and the cache holds
 * no caller text. Replicas do not share it: a miss is only a provider call, never a wrong answer.
 */
export class VectorCache {
  private readonly lru: LruCache<string, CachedVector>;

  constructor(capacity: number) {
    this.lru = new LruCache(capacity);
  }

  get enabled(): boolean {
    return this.lru.capacity > 0;
  }

  get size(): number {
    return this.lru.size;
  }

  /** The cache key of a text; computed once per text and reused for `get`, `set` and batching. */
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

  get(key: string): CachedVector | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: CachedVector): void {
    this.lru.set(key, value);
  }
}
