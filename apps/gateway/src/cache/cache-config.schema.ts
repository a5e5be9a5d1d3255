import { envInt } from '@conduit/config';
import { z } from 'zod';

/**
 * The response cache's environment variables, merged into the gateway's config. The mode and
 * TTL are the deployment's default; a team's or a key's `cache` policy overrides them.
 */
export const CacheConfigShape = {
  /** The deployment's default cache mode: `off` (the default), `exact` or `semantic`. */
  GATEWAY_CACHE_MODE: z.enum(['off', 'exact', 'semantic']).default('off'),
  /** Semantic mode: the cosine similarity a cached message must reach to be served. */
  GATEWAY_CACHE_SIMILARITY_THRESHOLD: z.coerce.number().min(0.5).max(1).default(0.95),
  /** Semantic mode: the embedding model that embeds last user messages (metered, `chat.cache`). */
  GATEWAY_CACHE_EMBEDDING_MODEL: z.string().min(1).default('local/embed'),
  /** Semantic mode: how long the embed-and-search may take before the request goes on uncached. */
  GATEWAY_CACHE_SEMANTIC_TIMEOUT_MS: envInt(1_000),
  /** How long a cached answer is served, unless a team's or key's policy says otherwise. */
  GATEWAY_CACHE_TTL_SECONDS: envInt(3_600),
  /**
   * `deterministic` (the default) caches only requests whose answer is meant to repeat:
   * temperature 0 or a seed. `all` caches any request the policy covers.
   */
  GATEWAY_CACHE_ELIGIBLE: z.enum(['deterministic', 'all']).default('deterministic'),
  /** Largest answer (serialised) the cache stores; larger answers are served, not cached. */
  GATEWAY_CACHE_MAX_ENTRY_BYTES: envInt(512 * 1024),
  /** How long a lookup or store may take before the request goes on uncached. */
  GATEWAY_CACHE_TIMEOUT_MS: envInt(100),
  /** Entries the in-memory cache keeps when REDIS_URL is unset (least recently used go first). */
  GATEWAY_CACHE_MEMORY_ENTRIES: envInt(10_000),
} as const;
