import { metricsRegistry } from '@conduit/telemetry';
import { Counter } from 'prom-client';

// Labels are catalog model ids (a fixed set: the catalog's, never a caller's string) and error
// types: low cardinality, never a key, a user or a request.

const retries = new Counter({
  name: 'conduit_llm_retries_total',
  help: 'Attempts repeated on the same model after a transient failure, by model (catalog id) and the error type that caused the retry',
  labelNames: ['model', 'error_type'],
  registers: [metricsRegistry],
});

const fallbacks = new Counter({
  name: 'conduit_llm_fallbacks_total',
  help: 'Fallbacks taken: a model of the fallback chain attempted instead of the one asked for, by requested model, the fallback attempted and why the models before it were left (error, circuit_open, unfit)',
  labelNames: ['from_model', 'to_model', 'reason'],
  registers: [metricsRegistry],
});

/** Why the router left a model for the next one of its chain. */
export type FallbackReason = 'error' | 'circuit_open' | 'unfit';

/** Counts one retry of `model` after a failure of type `errorType`. */
export function recordRetry(model: string, errorType: string): void {
  retries.inc({ model, error_type: errorType });
}

/** Counts one fallback from the requested model to `to` (its first attempt). */
export function recordFallback(from: string, to: string, reason: FallbackReason): void {
  fallbacks.inc({ from_model: from, to_model: to, reason });
}
