import { z } from 'zod';
import { KeyIdSchema, TeamIdSchema } from '../ledger/ids.schema';

/**
 * `POST /v1/admin/cache/purge`: removes the cached answers of a team, of the entries a key
 * wrote, of a model (its catalog id), or of any combination — at least one must be named, so
 * a typo never empties the whole cache.
 */
export const CachePurgeRequestSchema = z
  .strictObject({
    team_id: TeamIdSchema.optional(),
    key_id: KeyIdSchema.optional(),
    model: z.string().min(1).max(256).optional(),
  })
  .refine((scope) => Object.values(scope).some((value) => value !== undefined), {
    message: 'name at least one of team_id, key_id or model',
  });
export type CachePurgeRequest = z.infer<typeof CachePurgeRequestSchema>;

export const CachePurgeResultSchema = z.object({
  object: z.literal('cache.purge'),
  /** Cached answers removed. */
  purged: z.int().nonnegative(),
  /**
   * For a team purge: whether its semantic index was dropped too (false when the retrieval
   * service did not answer; its points then only point at answers that are gone).
   */
  semantic_index_dropped: z.boolean().optional(),
});
export type CachePurgeResult = z.infer<typeof CachePurgeResultSchema>;
