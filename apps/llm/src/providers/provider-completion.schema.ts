import { ChatCompletionSchema, UsageSchema } from '@conduit/contracts';
import type { z } from 'zod';

/** A completion as a provider returned it: usage may be missing and is then counted. */
export const ProviderCompletionSchema = ChatCompletionSchema.extend({
  usage: UsageSchema.nullable().optional(),
});
export type ProviderCompletion = z.infer<typeof ProviderCompletionSchema>;
