import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Histogram } from 'prom-client';

const texts = new Counter({
  name: 'conduit_embedding_texts_total',
  help: 'Texts embedded, by model and where the vector came from (cache or provider)',
  labelNames: ['model', 'source'],
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
