import { envJson, IsoDaySchema, UsdPerMTokSchema } from '@conduit/config';
import { z } from 'zod';

export const TokenizerSchema = z.enum(['cl100k_base', 'o200k_base']);

/**
 * One model's entry in `OPENAI_EMBEDDING_MODEL_PRICES`. For a model of the built-in table
 * (text-embedding-3-small, -3-large, ada-002) only the price is needed; any other model must
 * say how long its vectors are, because callers size their vector stores by it.
 */
export const EmbeddingModelOverrideSchema = z.strictObject({
  input_usd_per_mtok: UsdPerMTokSchema,
  /** Length of the model's vectors. Required for models the built-in table does not know. */
  dimensions: z.int().min(1).max(16_000).optional(),
  /**
   * Whether the server honours OpenAI's `dimensions` parameter (shortened vectors). Off by
   * default: most self-hosted servers ignore or refuse it, and a silently ignored parameter
   * would hand back vectors of the wrong length.
   */
  supports_dimensions: z.boolean().optional(),
  /** Most tokens one text may have; longer texts are refused before any provider call. */
  max_input_tokens: z.int().positive().optional(),
  /** How texts are counted for billing; OpenAI's embedding models use cl100k_base. */
  tokenizer: TokenizerSchema.optional(),
  /**
   * With a date the entry joins the model's built-in price list (a scheduled change); without
   * one it replaces that list and applies to every request.
   */
  effective_from: IsoDaySchema.optional(),
});
export type EmbeddingModelOverride = z.infer<typeof EmbeddingModelOverrideSchema>;

/** `OPENAI_EMBEDDING_MODEL_PRICES`: JSON `{"<upstream model>": EmbeddingModelOverride}`. */
export const EmbeddingModelPricesEnvSchema = envJson(
  z.record(z.string().min(1), EmbeddingModelOverrideSchema),
);
