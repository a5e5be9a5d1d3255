import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Histogram } from 'prom-client';

const texts = new Counter({
  name: 'conduit_embedding_texts_total',
  help: 'Texts embedded, by model and where the vector came from (cache or provider)',
  labelNames: ['model', 'source'],
  registers: [metricsRegistry],
});

const cacheLookups = new Counter({
  name: 'conduit_embedding_cache_lookups_total',
  help: 'Vector cache lookups, one per text, by result: hit, miss, corrupt (a value that cannot be the vector: embedded and overwritten) or error (the cache did not answer in time: embedded uncached)',
  labelNames: ['result'],
  registers: [metricsRegistry],
});

const cacheWriteErrors = new Counter({
  name: 'conduit_embedding_cache_write_errors_total',
  help: 'Vectors the cache failed to store (Redis down or slow); the request was answered all the same',
  registers: [metricsRegistry],
});

const providerCalls = new Counter({
  name: 'conduit_embedding_provider_calls_total',
  help: 'Provider calls (batches), by model and outcome (ok or the error type)',
  labelNames: ['model', 'outcome'],
  registers: [metricsRegistry],
});

const batchTexts = new Histogram({
  name: 'conduit_embedding_batch_texts',
  help: 'Texts per provider call: how well concurrent requests are coalesced',
  labelNames: ['model'],
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers: [metricsRegistry],
});

const providerSeconds = new Histogram({
  name: 'conduit_embedding_provider_duration_seconds',
  help: 'Time of one provider call',
  labelNames: ['model'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** Counts where a request's vectors came from. */
export function recordTexts(model: string, cached: number, embedded: number): void {
  if (cached > 0) texts.inc({ model, source: 'cache' }, cached);
  if (embedded > 0) texts.inc({ model, source: 'provider' }, embedded);
}

export type CacheLookupResult = 'hit' | 'miss' | 'corrupt' | 'error';
// Every result is exported from the start (at 0), so a rate over it is defined before the first.
for (const result of ['hit', 'miss', 'corrupt', 'error'] as const) cacheLookups.inc({ result }, 0);

/** Counts `count` cache lookups that ended as `result`. */
export function recordCacheLookups(result: CacheLookupResult, count: number): void {
  if (count > 0) cacheLookups.inc({ result }, count);
}

/** Counts vectors the cache could not store. */
export function recordCacheWriteErrors(count: number): void {
  if (count > 0) cacheWriteErrors.inc(count);
}

/** Counts one provider call: its size, duration and outcome. */
export function recordProviderCall(
  model: string,
  size: number,
  startedAt: number,
  outcome: string,
): void {
  providerCalls.inc({ model, outcome });
  batchTexts.observe({ model }, size);
  providerSeconds.observe({ model }, (performance.now() - startedAt) / 1000);
}
