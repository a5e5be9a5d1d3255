import { z } from 'zod';
import { IsoDaySchema, UsdPerMTokSchema } from '@conduit/config';

/*
 * The model catalog file (`LLM_CATALOG_FILE`, YAML or JSON): every provider deployment and
 * model the llm service serves. Field names are snake_case like the rest of the public
 * configuration; config/models.example.yaml shows every field.
 */

const positiveMs = z.int().positive().max(3_600_000);

const TimeoutsSchema = z.strictObject({
  first_token_ms: positiveMs.optional(),
  total_ms: positiveMs.optional(),
});

const RetrySchema = z.strictObject({
  max_attempts: z.int().min(1).max(10).optional(),
  initial_delay_ms: z.int().nonnegative().max(60_000).optional(),
  max_delay_ms: z.int().nonnegative().max(300_000).optional(),
  multiplier: z.number().min(1).max(10).optional(),
  deadline_ms: positiveMs.optional(),
});

const CircuitBreakerSchema = z.strictObject({
  failure_rate: z.number().gt(0).max(1).optional(),
  minimum_requests: z.int().min(1).optional(),
  window_ms: positiveMs.optional(),
  open_ms: positiveMs.optional(),
  half_open_probes: z.int().min(1).max(100).optional(),
});

const MaxTokensPolicySchema = z.enum(['reject', 'clamp']);

const PriceSchema = z.strictObject({
  effective_from: IsoDaySchema.optional(),
  input_usd_per_mtok: UsdPerMTokSchema,
  output_usd_per_mtok: UsdPerMTokSchema,
  /** Prompt-cache reads; the input price when absent. */
  cached_input_usd_per_mtok: UsdPerMTokSchema.optional(),
  /** Prompt-cache writes (Anthropic); the input price when absent. */
  cache_write_usd_per_mtok: UsdPerMTokSchema.optional(),
});

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-" only');

const ProviderSchema = z.strictObject({
  /** `openai` (api.openai.com or any OpenAI-compatible URL), `openai-compatible` (vLLM, Ollama, TGI: base_url required), `anthropic`, `local` (keyless echo). */
  type: z.enum(['openai', 'openai-compatible', 'anthropic', 'local']),
  base_url: z.url().optional(),
  /** Name of the environment variable holding the key; keys never sit in this file. */
  api_key_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .optional(),
  connect_timeout_ms: positiveMs.optional(),
  circuit_breaker: CircuitBreakerSchema.optional(),
  /** `local` only: pause between streamed tokens. */
  token_delay_ms: z.int().nonnegative().max(10_000).optional(),
});

const ModelSchema = z.strictObject({
  /** The id clients use; `<provider>/<upstream_model>` when absent. */
  id: z.string().min(1).max(200).optional(),
  provider: name,
  upstream_model: z.string().min(1).max(200),
  aliases: z.array(z.string().min(1).max(200)).default([]),
  context_window: z.int().positive().optional(),
  max_output_tokens: z.int().positive().optional(),
  /** Required, except for OpenAI models Conduit knows the list price of. */
  prices: z.array(PriceSchema).min(1).optional(),
  /** Models (ids or aliases) tried in order when this one fails; not followed transitively. */
  fallbacks: z.array(z.string().min(1)).default([]),
  timeouts: TimeoutsSchema.optional(),
  retry: RetrySchema.optional(),
  max_tokens_policy: MaxTokensPolicySchema.optional(),
});

export const CatalogFileSchema = z.strictObject({
  defaults: z
    .strictObject({
      timeouts: TimeoutsSchema.optional(),
      retry: RetrySchema.optional(),
      circuit_breaker: CircuitBreakerSchema.optional(),
      connect_timeout_ms: positiveMs.optional(),
      max_tokens_policy: MaxTokensPolicySchema.optional(),
    })
    .default({}),
  providers: z.record(name, ProviderSchema),
  models: z.array(ModelSchema).min(1, 'list at least one model'),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type CatalogFileModel = CatalogFile['models'][number];
export type CatalogFileProvider = CatalogFile['providers'][string];
export type CatalogFilePrice = z.infer<typeof PriceSchema>;
export type CatalogFileRetry = z.infer<typeof RetrySchema>;
export type CatalogFileTimeouts = z.infer<typeof TimeoutsSchema>;
export type CatalogFileCircuitBreaker = z.infer<typeof CircuitBreakerSchema>;
