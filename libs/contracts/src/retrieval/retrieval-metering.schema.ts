import { z } from 'zod';
import { ChargeSchema } from '../billing/charge.schema';
import { KeyIdSchema } from '../ledger/ids.schema';

/**
 * Hold the embedding cost against the key's budgets before embedding (the retrieval service
 * quotes, reserves under the message's request id, then embeds). Null: nothing to hold
 * (the admin, anonymous callers, keys without budgets).
 */
export const BudgetHoldSchema = z
  .object({ keyId: KeyIdSchema, ttlSeconds: z.int().positive() })
  .nullable();
export type BudgetHold = z.infer<typeof BudgetHoldSchema>;

/** What the embedding behind an ingest or a search cost; the gateway books it. */
export const EmbeddingUsageSchema = z.object({
  inputTokens: z.int().nonnegative(),
  cachedTexts: z.int().nonnegative(),
  charge: ChargeSchema,
});
export type EmbeddingUsage = z.infer<typeof EmbeddingUsageSchema>;
