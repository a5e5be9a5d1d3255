import { createLogger } from '@conduit/telemetry';
import type { Provider } from '@nestjs/common';
import type { EmbeddingConfig } from '../config/embedding-config.schema';
import { MemoryVectorCache } from './memory-vector-cache';
import { RedisVectorCache } from './redis-vector-cache';
import { VectorCache } from './vector-cache';

/**
 * The vector cache the config asks for: Redis when REDIS_URL is set (shared by replicas), else
 * an LRU in this process; none when EMBEDDING_CACHE_ENTRIES is 0.
 */
export function vectorCacheFor(config: EmbeddingConfig): VectorCache {
  if (config.EMBEDDING_CACHE_ENTRIES === 0 || config.REDIS_URL === undefined) {
    return new MemoryVectorCache(config.EMBEDDING_CACHE_ENTRIES);
  }
  const namespace = config.NATS_SUBJECT_PREFIX ? `${config.NATS_SUBJECT_PREFIX}:` : '';
  return new RedisVectorCache({
    url: config.REDIS_URL,
    keyPrefix: `conduit:ec:${namespace}`,
    ttlSeconds: config.EMBEDDING_CACHE_TTL_SECONDS,
    commandTimeoutMs: config.EMBEDDING_CACHE_TIMEOUT_MS,
    logger: createLogger('embedding'),
  });
}

export const vectorCacheProvider = (config: EmbeddingConfig): Provider => ({
  provide: VectorCache,
  useFactory: () => vectorCacheFor(config),
});
