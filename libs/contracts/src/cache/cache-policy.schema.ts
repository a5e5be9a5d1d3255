import { z } from 'zod';

/**
 * The response cache modes a policy may name: `exact` serves an answer to the same request
 * again; `semantic` also to a request whose last user message is close enough in meaning (the
 * rest of the conversation and the arguments still identical); `off` caches nothing.
 */
export const CACHE_MODES = ['exact', 'semantic', 'off'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** Longest a cached answer may be kept: 30 days. */
export const MAX_CACHE_TTL_SECONDS = 30 * 24 * 3600;

/**
 * A key's or team's response cache policy (`cache` on POST /v1/admin/keys and /teams); what it
 * leaves out follows the team's, then the deployment's (`GATEWAY_CACHE_*`).
 */
export const CachePolicySchema = z.strictObject({
  mode: z.enum(CACHE_MODES, {
    error: () => "mode must be 'exact', 'semantic' or 'off'",
  }),
  ttl_seconds: z.int().min(1).max(MAX_CACHE_TTL_SECONDS).optional(),
  /** Semantic mode: the cosine similarity a cached message must reach (default 0.95). */
  similarity_threshold: z.number().min(0.5).max(1).optional(),
});
export type CachePolicy = z.infer<typeof CachePolicySchema>;

/** `conduit.cache` in a chat request: a request may only ask for less than its policy. */
export const CacheRequestOptionSchema = z.strictObject({
  mode: z.literal('off', { error: () => "conduit.cache.mode can only be 'off'" }),
});
