import { z } from 'zod';
import { ChargeSchema, MicroUsdSchema } from '../billing/charge.schema';

/**
 * A vector on the wire between services: little-endian float32, base64 — the same bytes as
 * OpenAI's `encoding_format: "base64"`, a quarter of the size of JSON numbers, so the gateway
 * can pass it through or decode it without re-encoding.
 */
export const PackedVectorSchema = z.string();

/** Most texts one `embedding.v1.embed` message may carry. */
export const MAX_TEXTS_PER_EMBED_MESSAGE = 256;
/**
 * Texts callers put in one message: the reply then stays under NATS' default 1 MB payload even
 * for 3072-dimensional vectors (32 × 3072 × 4 bytes, base64), and concurrent messages are
 * coalesced into provider batches by the embedding service anyway.
 */
export const EMBED_TEXTS_PER_MESSAGE = 32;

/**
 * `embedding.v1.embed`: embed texts with one model. The embedding service batches texts of
 * concurrent requests into provider calls and caches vectors by (model, dimensions, text).
 */
export const EmbedRequestSchema = z.object({
  requestId: z.string().min(1),
  model: z.string().min(1),
  texts: z.array(z.string()).min(1).max(MAX_TEXTS_PER_EMBED_MESSAGE),
  dimensions: z.int().min(1).max(16_000).nullable().optional(),
  /** The caller's model allow-list (null: every model). */
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type EmbedRequest = z.infer<typeof EmbedRequestSchema>;

export const EmbedResultSchema = z.object({
  /** Catalog id of the model that embedded (aliases resolved). */
  model: z.string().min(1),
  dimensions: z.int().positive(),
  /** One per text, in order. */
  vectors: z.array(PackedVectorSchema),
  /** Input tokens of every text, cached ones included: a cache hit is charged like a miss. */
  inputTokens: z.int().nonnegative(),
  /** How many texts came from the cache rather than the provider. */
  cachedTexts: z.int().nonnegative(),
  charge: ChargeSchema,
});
export type EmbedResult = z.infer<typeof EmbedResultSchema>;

/**
 * `embedding.v1.quote`: price embedding work before doing it, so budgets can be held first.
 * Send the texts, or — when the caller already counted them (retrieval's chunker does) — the
 * token count.
 */
export const EmbedQuoteRequestSchema = z
  .object({
    requestId: z.string().min(1),
    model: z.string().min(1),
    texts: z.array(z.string()).max(MAX_TEXTS_PER_EMBED_MESSAGE).optional(),
    inputTokens: z.int().nonnegative().optional(),
    allowedModels: z.array(z.string().min(1)).nullable().optional(),
  })
  .refine((quote) => (quote.texts === undefined) !== (quote.inputTokens === undefined), {
    message: 'send either texts or inputTokens',
  });
export type EmbedQuoteRequest = z.infer<typeof EmbedQuoteRequestSchema>;

export const EmbedQuoteSchema = z.object({
  model: z.string().min(1),
  provider: z.string().min(1),
  dimensions: z.int().positive(),
  inputTokens: z.int().nonnegative(),
  /** Cost of the input tokens at the current price, rounded up to a whole micro-USD. */
  worstCaseMicroUsd: MicroUsdSchema,
  priceVersion: z.string().min(1),
});
export type EmbedQuote = z.infer<typeof EmbedQuoteSchema>;

/** Packs float vectors the way `PackedVectorSchema` says. */
export function packVector(vector: ArrayLike<number>): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

/** The inverse of `packVector`. */
export function unpackVector(packed: string): number[] {
  const bytes = Buffer.from(packed, 'base64');
  // Copied out: a small Buffer sits at an arbitrary offset of Node's pool, and a Float32Array
  // view needs 4-byte alignment. (Float32Array is little-endian on every platform Node runs on.)
  const aligned = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return Array.from(new Float32Array(aligned));
}
