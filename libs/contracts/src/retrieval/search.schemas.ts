import { z } from 'zod';
import { CollectionNameSchema, TenantSchema } from './collection.schemas';
import { MetadataFilterSchema, MetadataSchema } from './metadata-filter.schema';
import { BudgetHoldSchema, EmbeddingUsageSchema } from './retrieval-metering.schema';

export const MAX_SEARCH_TOP_K = 100;
export const MAX_QUERY_CHARS = 32_000;

/** `POST /v1/collections/{name}/search`. */
export const SearchBodySchema = z.strictObject({
  query: z.string().trim().min(1, 'a query is required').max(MAX_QUERY_CHARS),
  top_k: z.int().min(1).max(MAX_SEARCH_TOP_K).default(5),
  filter: MetadataFilterSchema.optional(),
  /** Cosine similarity in [-1, 1]; hits below it are dropped. */
  score_threshold: z.number().min(-1).max(1).optional(),
});
export type SearchBody = z.infer<typeof SearchBodySchema>;

export const SearchHitSchema = z.object({
  document_id: z.string(),
  chunk_index: z.int().nonnegative(),
  score: z.number(),
  text: z.string(),
  metadata: MetadataSchema,
});
export type SearchHitResult = z.infer<typeof SearchHitSchema>;

const SearchCommonSchema = z.object({
  requestId: z.string().min(1),
  tenantId: TenantSchema,
  collection: CollectionNameSchema,
  query: SearchBodySchema.shape.query,
  topK: z.int().min(1).max(MAX_SEARCH_TOP_K),
  filter: MetadataFilterSchema.nullable().optional(),
  scoreThreshold: z.number().min(-1).max(1).nullable().optional(),
  budget: BudgetHoldSchema,
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});

export const SearchRequestSchema = SearchCommonSchema;
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  embedding: EmbeddingUsageSchema,
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

/**
 * `retrieval.v1.context.build`: search, then assemble the hits that fit `maxContextTokens`
 * into numbered sources ("[1] …") for a grounded answer.
 */
export const ContextBuildRequestSchema = SearchCommonSchema.extend({
  maxContextTokens: z.int().min(50).max(200_000),
});
export type ContextBuildRequest = z.infer<typeof ContextBuildRequestSchema>;

export const ContextSourceSchema = SearchHitSchema.extend({
  /** The number the context cites it by: `[index]`. */
  index: z.int().positive(),
});
export type ContextSource = z.infer<typeof ContextSourceSchema>;

export const GroundingContextSchema = z.object({
  /** The numbered sources as one text, ready for a system message; empty when nothing matched. */
  context: z.string(),
  sources: z.array(ContextSourceSchema),
  contextTokens: z.int().nonnegative(),
  embedding: EmbeddingUsageSchema,
});
export type GroundingContext = z.infer<typeof GroundingContextSchema>;

/** `conduit.retrieval` in a chat request: answer from a collection, with sources. */
export const RetrievalExtensionSchema = z.strictObject({
  collection: CollectionNameSchema,
  top_k: z.int().min(1).max(MAX_SEARCH_TOP_K).optional(),
  filter: MetadataFilterSchema.optional(),
  score_threshold: z.number().min(-1).max(1).optional(),
  /** Token budget of the assembled context (default 2000). */
  max_context_tokens: z.int().min(50).max(200_000).optional(),
  /**
   * When retrieval fails: `error` (default) fails the request with `service_unavailable`;
   * `no_context` answers without sources and says so in the response.
   */
  fallback: z.enum(['error', 'no_context']).optional(),
});
export type RetrievalExtension = z.infer<typeof RetrievalExtensionSchema>;
