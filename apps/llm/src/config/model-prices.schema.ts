import { envJson, IsoDaySchema, UsdPerMTokSchema } from '@conduit/config';
import { z } from 'zod';

/** One model's entry in `OPENAI_MODEL_PRICES`. */
export const ModelPriceOverrideSchema = z.strictObject({
  input_usd_per_mtok: UsdPerMTokSchema,
  output_usd_per_mtok: UsdPerMTokSchema,
  /** Prompt-cache hits; the input price when absent. */
  cached_input_usd_per_mtok: UsdPerMTokSchema.optional(),
  context_window: z.int().positive().optional(),
  max_output_tokens: z.int().positive().optional(),
  /**
   * With a date the entry joins the model's built-in price list (a scheduled change); without
   * one it replaces that list and applies to every request.
   */
  effective_from: IsoDaySchema.optional(),
});
export type ModelPriceOverride = z.infer<typeof ModelPriceOverrideSchema>;

/** `OPENAI_MODEL_PRICES`: JSON `{"<upstream model>": ModelPriceOverride}`. */
export const ModelPricesEnvSchema = envJson(z.record(z.string().min(1), ModelPriceOverrideSchema));
