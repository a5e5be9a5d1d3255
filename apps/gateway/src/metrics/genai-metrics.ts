import type { UsageEvent } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Histogram } from 'prom-client';

// OpenTelemetry's GenAI client metrics (semantic conventions, "development" status), in
// Prometheus form: dots become underscores, so `gen_ai.request.model` is the label
// `gen_ai_request_model`. Labels stay low-cardinality: operation, provider deployment and
// catalog model (a name the catalog does not know is `unknown`), the error type, and for cost
// the team — never a key id, user or request.

const MODEL_LABELS = [
  'gen_ai_operation_name',
  'gen_ai_provider_name',
  'gen_ai_request_model',
  'gen_ai_response_model',
] as const;

const tokenUsage = new Histogram({
  name: 'gen_ai_client_token_usage',
  help: 'Tokens used per request (gen_ai.client.token.usage), by gen_ai_token_type input or output',
  labelNames: [...MODEL_LABELS, 'gen_ai_token_type'],
  // The conventions' advised boundaries.
  buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216],
  registers: [metricsRegistry],
});

const operationDuration = new Histogram({
  name: 'gen_ai_client_operation_duration_seconds',
  help: 'Request duration as the gateway saw it (gen_ai.client.operation.duration); error_type set on failures',
  labelNames: [...MODEL_LABELS, 'error_type'],
  buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  registers: [metricsRegistry],
});

const timeToFirstChunk = new Histogram({
  name: 'gen_ai_client_operation_time_to_first_chunk_seconds',
  help: 'Time to the first streamed token (gen_ai.client.operation.time_to_first_chunk)',
  labelNames: MODEL_LABELS,
  buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24],
  registers: [metricsRegistry],
});

const timePerOutputChunk = new Histogram({
  name: 'gen_ai_client_operation_time_per_output_chunk_seconds',
  help: 'Mean time between streamed chunks after the first (gen_ai.client.operation.time_per_output_chunk)',
  labelNames: MODEL_LABELS,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

const cost = new Counter({
  name: 'conduit_cost_micro_usd_total',
  help: 'Provider cost charged, in micro-USD, by served model and team (team "none": the admin key)',
  labelNames: ['gen_ai_response_model', 'team'],
  registers: [metricsRegistry],
});

/** OpenTelemetry's operation names for the endpoints that call a model. */
const OPERATIONS: Readonly<Record<string, string>> = {
  'chat.completions': 'chat',
  messages: 'chat',
  embeddings: 'embeddings',
};

/**
 * Observes one finished request from its usage event (the one record every request has) and,
 * for a stream, its mean time per chunk. A cache hit used no provider tokens: its tokens are
 * not observed as token usage (the usage row still has them).
 */
export function observeGenAi(event: UsageEvent, timePerOutputChunkMs?: number): void {
  if (event.costMicroUsd > 0) {
    cost.inc(
      { gen_ai_response_model: event.model ?? 'unknown', team: event.teamId ?? 'none' },
      event.costMicroUsd,
    );
  }
  const operation = OPERATIONS[event.endpoint];
  if (!operation) return;
  const labels = {
    gen_ai_operation_name: operation,
    gen_ai_provider_name: event.provider ?? 'unknown',
    // Only a request the catalog resolved names its model: anything else a caller typed
    // would be a label value of its own.
    gen_ai_request_model: event.model ? event.requestedModel : 'unknown',
    gen_ai_response_model: event.model ?? 'unknown',
  };
  operationDuration.observe(
    event.errorType ? { ...labels, error_type: event.errorType } : { ...labels, error_type: '' },
    event.latencyMs / 1000,
  );
  if (!event.cacheHit && (event.status === 'success' || event.inputTokens > 0)) {
    tokenUsage.observe({ ...labels, gen_ai_token_type: 'input' }, event.inputTokens);
    if (operation === 'chat') {
      tokenUsage.observe({ ...labels, gen_ai_token_type: 'output' }, event.outputTokens);
    }
  }
  if (event.stream && event.timeToFirstTokenMs !== null) {
    timeToFirstChunk.observe(labels, event.timeToFirstTokenMs / 1000);
  }
  if (event.stream && timePerOutputChunkMs !== undefined) {
    timePerOutputChunk.observe(labels, timePerOutputChunkMs / 1000);
  }
}
