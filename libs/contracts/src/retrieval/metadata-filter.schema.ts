import { z } from 'zod';
import { storableString } from '../text/printable-text.schema';

/** A metadata value both vector stores can store and filter on (jsonb refuses NUL). */
export const MetadataValueSchema = z.union([storableString(), z.number(), z.boolean()]);

/** Flat chunk metadata; keys are 1–64 letters, digits, `_` or `-` (no dots: Qdrant paths). */
export const MetadataSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'metadata keys are 1-64 letters, digits, "_" or "-"'),
    MetadataValueSchema,
  )
  .refine((metadata) => Object.keys(metadata).length <= 64, 'at most 64 metadata fields');
export type Metadata = z.infer<typeof MetadataSchema>;

/** `value` matches equal values; `{in: […]}` any listed value; `{gte, lte}` a number range. */
export const MetadataConditionSchema = z.union([
  MetadataValueSchema,
  z.strictObject({
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .max(1000),
  }),
  z
    .strictObject({ gte: z.number().optional(), lte: z.number().optional() })
    .refine(
      (range) => range.gte !== undefined || range.lte !== undefined,
      'a range needs gte or lte',
    ),
]);

/** Every condition must hold (AND). */
export const MetadataFilterSchema = z.record(z.string(), MetadataConditionSchema);
export type MetadataFilterInput = z.infer<typeof MetadataFilterSchema>;
