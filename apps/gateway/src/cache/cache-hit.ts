import type { ChatCompletion, LlmChatResult } from '@conduit/contracts';
import type { CallOutcome } from '../accounting/call-outcome';
import type { CachePlan } from './cache-plan';
import { servedCompletion, type CachedAnswer } from './cached-answer';

/**
 * `x-conduit-cache: hit | miss | bypass` (and `x-conduit-cache-similarity` for a semantic hit);
 * absent when the caller's policy has no cache.
 */
export function cacheHeader(
  plan: CachePlan,
  cached: CachedAnswer | null,
  similarity: number | null,
): Record<string, string> {
  if (plan.kind === 'off') return {};
  if (plan.kind === 'bypass') return { 'x-conduit-cache': 'bypass' };
  if (!cached) return { 'x-conduit-cache': 'miss' };
  return similarity === null
    ? { 'x-conduit-cache': 'hit' }
    : { 'x-conduit-cache': 'hit', 'x-conduit-cache-similarity': similarity.toFixed(4) };
}

/**
 * A cached answer as this request's result: its own id, no provider cost, and the kept
 * screening's completion when one applies.
 */
export function hitResult(
  cached: CachedAnswer,
  requestId: string,
  completion?: ChatCompletion,
): LlmChatResult {
  return {
    completion: servedCompletion(cached, requestId, completion),
    charge: { ...cached.charge, costMicroUsd: 0 },
    usageEstimated: false,
  };
}

/** A cache hit's outcome: the tokens the answer would have used, at no cost, and the saving. */
export function hitOutcome(cached: CachedAnswer): CallOutcome {
  const { completion, charge } = cached;
  return {
    status: 'success',
    errorType: null,
    usage: completion.usage,
    charge: { ...charge, costMicroUsd: 0 },
    usageEstimated: false,
    timeToFirstTokenMs: null,
    responseText: completion.choices[0]?.message.content ?? null,
    cacheHit: { savedCostMicroUsd: charge.costMicroUsd },
  };
}
