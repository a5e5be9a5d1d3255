import {
  CommonConfigSchema,
  envInt,
  envUrl,
  IsoDaySchema,
  UsdPerMTokSchema,
} from '@conduit/config';
import { z } from 'zod';
import { openaiEmbeddingModel } from '../catalog/openai-embedding-models';
import { EmbeddingModelPricesEnvSchema } from './embedding-prices.schema';

const commaList = z
  .string()
  .default('')
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ]);

/** Every environment variable the embedding service reads. */
export const EmbeddingConfigSchema = CommonConfigSchema.extend({
  /** Most texts in one provider call; texts of concurrent requests share calls up to this. */
  EMBEDDING_BATCH_SIZE: envInt(64).pipe(z.int().min(1).max(2048)),
  /** How long the first text of a batch waits for more before the call goes out (0: next tick). */
  EMBEDDING_BATCH_WAIT_MS: envInt(5).pipe(z.int().min(0).max(1000)),
  /**
   * Vectors kept in memory per replica (least recently used go first) when REDIS_URL is unset;
   * 0 turns the cache off, in Redis too. An entry holds one vector as base64: about 2 KB at
   * 384 dimensions, 8 KB at 1536.
   */
  EMBEDDING_CACHE_ENTRIES: envInt(10_000).pipe(z.int().min(0).max(10_000_000)),
  /**
   * Redis for the vector cache, shared by every replica (keys `conduit:ec:<NATS_SUBJECT_PREFIX>:…`);
   * unset = the in-memory cache of each replica. Redis down or slow: texts are embedded uncached.
   */
  REDIS_URL: envUrl().optional(),
  /** How long a vector stays in the Redis cache (1 s – 1 year); the in-memory cache only evicts. */
  EMBEDDING_CACHE_TTL_SECONDS: envInt(7 * 24 * 3600).pipe(
    z
      .int()
      .min(1)
      .max(365 * 24 * 3600),
  ),
  /** A cache lookup or store waits at most this long for Redis; then the texts are embedded uncached. */
  EMBEDDING_CACHE_TIMEOUT_MS: envInt(100).pipe(z.int().min(1).max(10_000)),
  /** Total time allowed for one provider call. */
  EMBEDDING_PROVIDER_TIMEOUT_MS: envInt(30_000).pipe(z.int().min(1)),
  /** Serve Prometheus metrics (texts, cache hits, provider calls) on this port at `/metrics`; off when unset. */
  EMBEDDING_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Vector length of the keyless `local/embed` model when a request asks for none (1–4096). */
  LOCAL_EMBED_DIMENSIONS: envInt(384).pipe(z.int().min(1).max(4096)),
  /**
   * Demo price of `local/embed`, USD per million input tokens. Never 0: budgets and usage
   * reports must see embedding work even when nothing external was paid for.
   */
  LOCAL_EMBED_PRICE_PER_MTOK: z.coerce
    .number()
    .pipe(UsdPerMTokSchema.refine((usd) => usd > 0, 'must be more than 0'))
    .default(0.1),
  /** Date (YYYY-MM-DD) the local price took effect; part of the price version on every charge. */
  LOCAL_EMBED_PRICE_EFFECTIVE_FROM: IsoDaySchema.optional(),
  /** Key for the OpenAI-compatible provider; not needed by servers without auth (TEI, Ollama, vLLM). */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible server: https://api.openai.com/v1, http://tei:80/v1, http://ollama:11434/v1 … */
  OPENAI_BASE_URL: z.url().optional(),
  /** Name the models are listed under (`<name>/<model>`), e.g. `ollama`; `local` is taken. */
  OPENAI_PROVIDER_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and - only')
    .refine((name) => name !== 'local', "'local' names the keyless built-in model")
    .default('openai'),
  /**
   * Upstream embedding models to serve, comma-separated; each becomes
   * `<OPENAI_PROVIDER_NAME>/<model>`. The llm's OPENAI_MODELS is separate: a chat key alone
   * serves no embedding model.
   */
  OPENAI_EMBEDDING_MODELS: commaList,
  /**
   * Prices and shapes of OPENAI_EMBEDDING_MODELS beyond, or instead of, the built-in table
   * (text-embedding-3-small $0.02/M 1536 dims, -3-large $0.13/M 3072, ada-002 $0.10/M 1536):
   * JSON `{"<model>": {"input_usd_per_mtok", "dimensions"?, "supports_dimensions"?,
   * "max_input_tokens"?, "tokenizer"?: "cl100k_base"|"o200k_base", "effective_from"?}}`, e.g.
   * `{"nomic-embed-text":{"input_usd_per_mtok":0.01,"dimensions":768}}`. `dimensions` is
   * required for models the table does not know.
   */
  OPENAI_EMBEDDING_MODEL_PRICES: EmbeddingModelPricesEnvSchema,
  /**
   * How vectors are asked for: `base64` (float32 bytes, a quarter of the JSON) or `float` for
   * servers that do not support it. Either answer is decoded whatever was asked.
   */
  OPENAI_EMBEDDING_ENCODING: z.enum(['base64', 'float']).default('base64'),
}).superRefine((config, ctx) => {
  const openaiConfigured =
    config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
  // A key or URL without embedding models is fine: the llm service shares these variables.
  if (config.OPENAI_EMBEDDING_MODELS.length > 0 && !openaiConfigured) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_EMBEDDING_MODELS'],
      message:
        'set OPENAI_API_KEY (api.openai.com) or OPENAI_BASE_URL (a self-hosted server) to serve these models',
    });
  }
  checkModels(config, ctx);
});
export type EmbeddingConfig = z.output<typeof EmbeddingConfigSchema>;

/**
 * Every served model needs a price in effect and a known vector size: a gap is a boot failure
 * that says what to set, never a model served for free.
 */
function checkModels(
  config: Pick<
    EmbeddingConfig,
    'OPENAI_EMBEDDING_MODELS' | 'OPENAI_EMBEDDING_MODEL_PRICES' | 'LOCAL_EMBED_PRICE_EFFECTIVE_FROM'
  >,
  ctx: z.RefinementCtx,
): void {
  const today = new Date().toISOString().slice(0, 10);
  for (const name of config.OPENAI_EMBEDDING_MODELS) {
    const lookup = openaiEmbeddingModel(name, config.OPENAI_EMBEDDING_MODEL_PRICES);
    if (!lookup.ok && lookup.missing === 'price') {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_EMBEDDING_MODELS'],
        message: `no price is known for the embedding model '${name}': give it one in OPENAI_EMBEDDING_MODEL_PRICES, e.g. OPENAI_EMBEDDING_MODEL_PRICES='{"${name}":{"input_usd_per_mtok":0.02,"dimensions":768}}'`,
      });
    } else if (!lookup.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_EMBEDDING_MODEL_PRICES'],
        message: `the vector size of '${name}' is unknown: add "dimensions" to its entry`,
      });
    } else if (!lookup.model.prices.some((price) => price.effectiveFrom <= today)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_EMBEDDING_MODEL_PRICES'],
        message: `no price of the embedding model '${name}' is in effect yet: give it one with an effective_from of today or earlier`,
      });
    }
  }
  for (const name of Object.keys(config.OPENAI_EMBEDDING_MODEL_PRICES)) {
    if (!config.OPENAI_EMBEDDING_MODELS.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_EMBEDDING_MODEL_PRICES'],
        message: `'${name}' is not listed in OPENAI_EMBEDDING_MODELS: add it there or remove its price`,
      });
    }
  }
  const localFrom = config.LOCAL_EMBED_PRICE_EFFECTIVE_FROM;
  if (localFrom !== undefined && localFrom > today) {
    ctx.addIssue({
      code: 'custom',
      path: ['LOCAL_EMBED_PRICE_EFFECTIVE_FROM'],
      message: 'must be today or earlier, or local/embed would have no price',
    });
  }
}
