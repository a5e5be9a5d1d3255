import { CommonConfigSchema } from '@conduit/config';
import type { z } from 'zod';

/** Every environment variable the retrieval service reads. */
export const RetrievalConfigSchema = CommonConfigSchema;
export type RetrievalConfig = z.output<typeof RetrievalConfigSchema>;
