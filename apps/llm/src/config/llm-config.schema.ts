import { CommonConfigSchema, envInt, envUsdPerMTok, IsoDaySchema } from '@conduit/config';
import { z } from 'zod';
import { localModelPricing, openaiModelPricing } from '../catalog/env-model-pricing';
import { priceInEffect } from '@conduit/catalog';
import { ModelPricesEnvSchema } from './model-prices.schema';

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Every environment variable the llm service reads. */
export const LlmConfigSchema = CommonConfigSchema.extend({
  /**
   * The model catalog (YAML or JSON): providers, models, aliases, prices, fallbacks, timeouts,
   * retries and breakers; see config/models.example.yaml. Without it the catalog is `local/echo`
   * plus OPENAI_MODELS.
   */
  LLM_CATALOG_FILE: z.string().min(1).optional(),
  /** Key for the OpenAI-compatible provider; not needed by servers without auth (Ollama, vLLM). */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible server: https://api.openai.com/v1, http://vllm:8000/v1, http://ollama:11434/v1 … */
  OPENAI_BASE_URL: z.url().optional(),
  /** Upstream model ids to expose, comma-separated; each becomes `<OPENAI_PROVIDER_NAME>/<id>`. */
  OPENAI_MODELS: commaList,
  /** Name under which those models are listed (e.g. `ollama`, `vllm`). */
  OPENAI_PROVIDER_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and - only')
    .default('openai'),
  /**
   * Prices (and limits) of OPENAI_MODELS beyond, or instead of, the built-in table of OpenAI
   * list prices: JSON `{"<model>": {"input_usd_per_mtok", "output_usd_per_mtok",
   * "cached_input_usd_per_mtok"?, "context_window"?, "max_output_tokens"?, "effective_from"?}}`.
   */
  OPENAI_MODEL_PRICES: ModelPricesEnvSchema,
  /** Demo price of the keyless `local/*` models, USD per million input tokens. */
  LOCAL_PRICE_INPUT_USD_PER_MTOK: envUsdPerMTok(10),
  /** Demo price of the keyless `local/*` models, USD per million output tokens. */
  LOCAL_PRICE_OUTPUT_USD_PER_MTOK: envUsdPerMTok(30),
  /** Date (YYYY-MM-DD) the local price took effect; part of the price version on every charge. */
  LOCAL_PRICE_EFFECTIVE_FROM: IsoDaySchema.optional(),
  /** Total time allowed for one upstream attempt, streaming included (the catalog's default). */
  LLM_PROVIDER_TIMEOUT_MS: envInt(600_000),
  /** Serve Prometheus metrics (circuit breakers, process) on this port at `/metrics`; off when unset. */
  LLM_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Pause between streamed tokens of `local/echo` (0 = as fast as possible); handy for demos. */
  LOCAL_ECHO_TOKEN_DELAY_MS: envInt(0),
}).superRefine((config, ctx) => {
  if (config.LLM_CATALOG_FILE !== undefined && config.OPENAI_MODELS.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_MODELS'],
      message: 'list the models in LLM_CATALOG_FILE instead: the two cannot be combined',
    });
  }
  const openaiConfigured =
    config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
  if (openaiConfigured && config.OPENAI_MODELS.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_MODELS'],
      message:
        'list the upstream models to expose (e.g. gpt-4o-mini,gpt-4o) when OPENAI_API_KEY or OPENAI_BASE_URL is set',
    });
  }
  if (config.OPENAI_MODELS.length > 0 && !openaiConfigured) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_MODELS'],
      message:
        'set OPENAI_API_KEY (api.openai.com) or OPENAI_BASE_URL (a self-hosted server) to serve these models',
    });
  }
  checkPrices(config, ctx);
});
export type LlmConfig = z.output<typeof LlmConfigSchema>;

/**
 * Every served model must have a price in effect: an unknown price is a boot failure that
 * says what to set, never a model served for free.
 */
function checkPrices(
  config: Pick<
    LlmConfig,
    | 'OPENAI_MODELS'
    | 'OPENAI_MODEL_PRICES'
    | 'LOCAL_PRICE_INPUT_USD_PER_MTOK'
    | 'LOCAL_PRICE_OUTPUT_USD_PER_MTOK'
    | 'LOCAL_PRICE_EFFECTIVE_FROM'
  >,
  ctx: z.RefinementCtx,
): void {
  const now = new Date();
  for (const model of config.OPENAI_MODELS) {
    const pricing = openaiModelPricing(model, config.OPENAI_MODEL_PRICES);
    if (!pricing) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_MODELS'],
        message: `no price is known for the model '${model}': give it one in OPENAI_MODEL_PRICES, e.g. OPENAI_MODEL_PRICES='{"${model}":{"input_usd_per_mtok":0.5,"output_usd_per_mtok":1.5}}'`,
      });
    } else if (!priceInEffect(model, pricing.prices, now)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_MODEL_PRICES'],
        message: `no price of the model '${model}' is in effect yet: give it one with an effective_from of today or earlier`,
      });
    }
  }
  for (const model of Object.keys(config.OPENAI_MODEL_PRICES)) {
    if (!config.OPENAI_MODELS.includes(model)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_MODEL_PRICES'],
        message: `'${model}' is not listed in OPENAI_MODELS: add it there or remove its price`,
      });
    }
  }
  const local = localModelPricing({
    inputUsdPerMTok: config.LOCAL_PRICE_INPUT_USD_PER_MTOK,
    outputUsdPerMTok: config.LOCAL_PRICE_OUTPUT_USD_PER_MTOK,
    effectiveFrom: config.LOCAL_PRICE_EFFECTIVE_FROM,
  });
  if (!priceInEffect('local', local.prices, now)) {
    ctx.addIssue({
      code: 'custom',
      path: ['LOCAL_PRICE_EFFECTIVE_FROM'],
      message: 'must be today or earlier, or the local models would have no price',
    });
  }
}
