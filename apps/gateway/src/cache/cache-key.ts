import type { ChatCompletionRequest } from '@conduit/contracts';
import { createHash } from 'node:crypto';

/**
 * Arguments that never change the answer: how it is delivered (`stream`, `stream_options`),
 * who asks (`user`, `safety_identifier`, `metadata`), what the provider keeps (`store`,
 * `prompt_cache_*`, `service_tier`) and Conduit's own options. Everything else — messages as
 * sent (after redaction and the canary), tools, response_format, temperature, seed, max_tokens,
 * n, stop, penalties, logprobs, reasoning effort… — is part of the key, so a new argument is
 * keyed by default rather than silently ignored.
 */
const NOT_KEYED = new Set<string>([
  'model',
  'stream',
  'stream_options',
  'user',
  'safety_identifier',
  'metadata',
  'store',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'service_tier',
  'conduit',
]);

/** Bumped when the key's inputs or the stored entry's shape change: old entries then miss. */
const KEY_VERSION = 1;

/**
 * The exact-match key of a chat request: SHA-256 over the tenant, the canonical model id (after
 * alias resolution, so `gpt4o` and `openai/gpt-4o` share answers) and every argument that
 * changes the answer, in a canonical JSON form (object keys sorted) so the order in which a
 * client wrote them does not matter.
 */
export function exactCacheKey(
  tenant: string,
  canonicalModel: string,
  request: ChatCompletionRequest,
): string {
  const keyed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request)) {
    if (!NOT_KEYED.has(name) && value !== undefined) keyed[name] = value;
  }
  return createHash('sha256')
    .update(canonicalJson({ v: KEY_VERSION, tenant, model: canonicalModel, request: keyed }))
    .digest('hex');
}

/** JSON with object keys sorted at every level (arrays keep their order: it is meaningful). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(inner).sort()) {
      sorted[name] = (inner as Record<string, unknown>)[name];
    }
    return sorted;
  });
}
