import { metricsRegistry } from '@conduit/telemetry';
import { Counter } from 'prom-client';

/**
 * Response cache lookups by result: `hit` (exact), `miss`, `bypass` (the policy caches but this
 * request asked not to or is not deterministic), `error` (Redis or the retrieval service slow or
 * down: the request went on uncached); in semantic mode an exact miss may be followed by a
 * `semantic_hit`. A corrupt entry is dropped and counts as a miss. Labels stay low-cardinality:
 * no key or tenant ids.
 */
export const cacheLookups = new Counter({
  name: 'conduit_cache_lookups_total',
  help: 'Response cache lookups of chat requests, by result (hit, semantic_hit, miss, bypass, error).',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** Answers written to the cache, by result: `stored`, `too_large`, `error`. */
export const cacheWrites = new Counter({
  name: 'conduit_cache_writes_total',
  help: 'Answers written to the response cache, by result (stored, too_large, error).',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});
