import { CommonConfigSchema } from '@conduit/config';
import type { z } from 'zod';

/** Every environment variable the embedding service reads. */
export const EmbeddingConfigSchema = CommonConfigSchema;
export type EmbeddingConfig = z.output<typeof EmbeddingConfigSchema>;
