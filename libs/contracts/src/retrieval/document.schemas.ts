import { z } from 'zod';
import { storableText } from '../text/storable-text';
import { CollectionNameSchema, TenantSchema } from './collection.schemas';
import { MetadataSchema } from './metadata-filter.schema';
import { BudgetHoldSchema, EmbeddingUsageSchema } from './retrieval-metering.schema';

export const MAX_DOCUMENTS_PER_REQUEST = 256;
/** One document's text; larger ones should be split by the caller (about 250k tokens). */
export const MAX_DOCUMENT_CHARS = 1_000_000;

export const DocumentIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^[^\s/?#\p{Cc}\p{Cs}]+$/u,
    'a document id has no whitespace, control characters, "/", "?" or "#"',
  );

export const DocumentInputSchema = z.strictObject({
  /** Upsert key: a document sent again with the same id replaces the old one. */
  id: DocumentIdSchema.optional(),
  // Stored in the vector store's payload (jsonb in the embedded store, which refuses NUL):
  // NUL and lone surrogates become U+FFFD rather than refusing a whole upload for one byte.
  text: z
    .string()
    .min(1, 'a document needs text')
    .max(MAX_DOCUMENT_CHARS)
    .transform((text) => storableText(text)),
  metadata: MetadataSchema.optional(),
});
export type DocumentInput = z.infer<typeof DocumentInputSchema>;

/** `POST /v1/collections/{name}/documents`: one document, or `{documents: […]}`. */
export const DocumentsUpsertSchema = z.union([
  z.strictObject({
    documents: z.array(DocumentInputSchema).min(1).max(MAX_DOCUMENTS_PER_REQUEST),
  }),
  DocumentInputSchema.transform((document) => ({ documents: [document] })),
]);
export type DocumentsUpsert = z.output<typeof DocumentsUpsertSchema>;

export const DocumentUpsertRequestSchema = z.object({
  requestId: z.string().min(1),
  tenantId: TenantSchema,
  collection: CollectionNameSchema,
  documents: z.array(DocumentInputSchema).min(1).max(MAX_DOCUMENTS_PER_REQUEST),
  budget: BudgetHoldSchema,
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type DocumentUpsertRequest = z.infer<typeof DocumentUpsertRequestSchema>;

export const DocumentUpsertResultSchema = z.object({
  documents: z.array(z.object({ id: z.string(), chunks: z.int().nonnegative() })),
  embedding: EmbeddingUsageSchema,
});
export type DocumentUpsertResult = z.infer<typeof DocumentUpsertResultSchema>;

export const DocumentDeleteRequestSchema = z.object({
  tenantId: TenantSchema,
  collection: CollectionNameSchema,
  documentId: DocumentIdSchema,
});
export const DocumentDeletedSchema = z.object({
  object: z.literal('document.deleted'),
  id: z.string(),
  deleted: z.boolean(),
  chunks: z.int().nonnegative(),
});
