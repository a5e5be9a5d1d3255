import { z } from 'zod';

const perMillionTokens = z.int().nonnegative();

/** One dated entry of a model's price list, in integer micro-USD per million tokens. */
export const CatalogPriceSchema = z.object({
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  inputMicroUsdPerMTok: perMillionTokens,
  outputMicroUsdPerMTok: perMillionTokens,
  cachedInputMicroUsdPerMTok: perMillionTokens.optional(),
  cacheWriteInputMicroUsdPerMTok: perMillionTokens.optional(),
});

/** What pricing and name resolution need of one served model; no provider settings or keys. */
export const CatalogSnapshotModelSchema = z.object({
  id: z.string().min(1),
  /** The deployment serving it (its provider's name). */
  provider: z.string().min(1),
  upstreamModel: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  fallbacks: z.array(z.string().min(1)),
  prices: z.array(CatalogPriceSchema).min(1),
  contextWindow: z.int().positive(),
  maxOutputTokens: z.int().positive(),
  maxTokensPolicy: z.enum(['reject', 'clamp']),
});
export type CatalogSnapshotModel = z.infer<typeof CatalogSnapshotModelSchema>;

/**
 * `llm.v1.catalog.snapshot`: the llm service's model catalog as the gateway needs it to quote a
 * request at the edge (names, fallback chains, dated prices, limits). The llm service owns the
 * catalog; `version` changes whenever any of it does.
 */
export const CatalogSnapshotSchema = z.object({
  version: z.string().min(1),
  models: z.array(CatalogSnapshotModelSchema),
});
export type CatalogSnapshot = z.infer<typeof CatalogSnapshotSchema>;

export const CatalogSnapshotRequestSchema = z.object({});
