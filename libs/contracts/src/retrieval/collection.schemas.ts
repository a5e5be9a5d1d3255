import { z } from 'zod';
import { printableText, storableString } from '../text/printable-text.schema';

/** The embedding model a collection uses when its creator names none. */
export const DEFAULT_COLLECTION_EMBEDDING_MODEL = 'local/embed';

export const CollectionNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'a collection name is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit',
  );

/** `POST /v1/collections`. The vector dimension follows the embedding model. */
export const CollectionCreateSchema = z.strictObject({
  name: CollectionNameSchema,
  embedding_model: printableText().min(1).default(DEFAULT_COLLECTION_EMBEDDING_MODEL),
  description: storableString().max(1000).optional(),
});
export type CollectionCreate = z.infer<typeof CollectionCreateSchema>;

export const CollectionSchema = z.object({
  object: z.literal('collection'),
  name: z.string(),
  embedding_model: z.string(),
  dimensions: z.int().positive(),
  description: z.string().nullable(),
  created_at: z.int().nonnegative(),
});
export type Collection = z.infer<typeof CollectionSchema>;

/** Whose collections: the tenant is the key's team (the admin and anonymous callers have their own). */
const TenantSchema = z.string().min(1).max(200);

export const CollectionCreateRequestSchema = z.object({
  requestId: z.string().min(1),
  tenantId: TenantSchema,
  collection: CollectionCreateSchema,
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export const CollectionListRequestSchema = z.object({ tenantId: TenantSchema });
export const CollectionListSchema = z.object({
  object: z.literal('list'),
  data: z.array(CollectionSchema),
});
export const CollectionRefSchema = z.object({
  tenantId: TenantSchema,
  name: CollectionNameSchema,
});
export const CollectionDeletedSchema = z.object({
  object: z.literal('collection.deleted'),
  name: z.string(),
  deleted: z.literal(true),
});
export { TenantSchema };
