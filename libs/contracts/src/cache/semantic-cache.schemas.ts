import { z } from 'zod';
import { PackedVectorSchema } from '../embeddings/embedding.schemas';
import { BudgetHoldSchema, EmbeddingUsageSchema } from '../retrieval/retrieval-metering.schema';

/*
 * The semantic response cache's index, kept by the retrieval service in its vector store. The
 * gateway's exact cache (Redis or memory) holds the answers; the index maps the embedding of a
 * request's last user message to the exact-cache keys of answers given to similar messages in
 * the same conversation context. One store collection per cache tenant; every point carries
 * the chat model and the context hash, and a search must match both.
 */

const CacheTenantSchema = z.string().min(1).max(200);
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** `retrieval.v1.cache.search`: embed the message (metered) and find similar entries. */
export const SemanticCacheSearchRequestSchema = z.object({
  requestId: z.string().min(1),
  tenant: CacheTenantSchema,
  /** The chat model's catalog id: entries of other models never match. */
  model: z.string().min(1),
  /** Hash of everything but the last user message; entries of other contexts never match. */
  contextHash: Sha256Schema,
  /** The last user message's text. */
  text: z.string().min(1).max(32_000),
  embeddingModel: z.string().min(1),
  /** Cosine similarity a match must reach. */
  threshold: z.number().min(-1).max(1),
  budget: BudgetHoldSchema,
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type SemanticCacheSearchRequest = z.infer<typeof SemanticCacheSearchRequestSchema>;

export const SemanticCacheSearchResultSchema = z.object({
  /** Exact-cache keys of similar entries, best first, with their similarity. */
  matches: z.array(z.object({ entryKey: Sha256Schema, similarity: z.number() })),
  /** The message's vector, so indexing the answer later costs no second embedding. */
  vector: PackedVectorSchema,
  embedding: EmbeddingUsageSchema,
});
export type SemanticCacheSearchResult = z.infer<typeof SemanticCacheSearchResultSchema>;

/** `retrieval.v1.cache.index`: remember that `entryKey` answers messages near `vector`. */
export const SemanticCacheIndexRequestSchema = z.object({
  tenant: CacheTenantSchema,
  model: z.string().min(1),
  contextHash: Sha256Schema,
  entryKey: Sha256Schema,
  vector: PackedVectorSchema,
});
export type SemanticCacheIndexRequest = z.infer<typeof SemanticCacheIndexRequestSchema>;

/**
 * `retrieval.v1.cache.forget`: drops index points — those named (their answers expired or were
 * purged), or the tenant's whole index when `entryKeys` is absent.
 */
export const SemanticCacheForgetRequestSchema = z.object({
  tenant: CacheTenantSchema,
  entryKeys: z.array(Sha256Schema).max(1_000).optional(),
});
export type SemanticCacheForgetRequest = z.infer<typeof SemanticCacheForgetRequestSchema>;

export const SemanticCacheAckSchema = z.object({ ok: z.literal(true) });
