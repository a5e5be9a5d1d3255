import { benchKeyRequest } from './targets.mjs';

/**
 * The response cache row: a second virtual key of the bench team, with the same budget and
 * limits as the `key` target plus `cache: {mode: "exact"}`, sending one deterministic request
 * (temperature 0) over and over — after the first, every answer is an exact-cache hit. Compared
 * with the `key` target (the same key settings, cache off: every request goes to the model).
 */
export async function cacheTarget(api, teamId, keyTarget, mode = 'exact') {
  const key = await api.createKey({
    ...benchKeyRequest(teamId),
    name: `bench-cached-${mode}`,
    cache:
      mode === 'exact'
        ? { mode, ttl_seconds: 3_600 }
        : { mode, ttl_seconds: 3_600, similarity_threshold: SEMANTIC_THRESHOLD },
  });
  return {
    target: {
      label: `gateway, virtual key + budget, ${mode} cache hits`,
      url: keyTarget.url,
      model: keyTarget.model,
      headers: { ...keyTarget.headers, authorization: `Bearer ${key.key}` },
      viaGateway: true,
    },
    keyId: key.id,
  };
}

/** The bench prompt at temperature 0: cacheable under the default `deterministic` rule. */
export function cacheableChatBody(model, prompt) {
  return JSON.stringify({ model, temperature: 0, messages: [{ role: 'user', content: prompt }] });
}

/** The model the gateway embeds last user messages with (its default): `chat.cache` rows. */
export const SEMANTIC_CACHE_EMBEDDING_MODEL = 'local/embed';

/** The semantic key's similarity threshold: the variants below are ~0.9 similar to the prompt. */
export const SEMANTIC_THRESHOLD = 0.8;

/**
 * Variants of the prompt that differ in a few words: each is an exact-cache miss and, once the
 * prompt itself was answered and indexed, a semantic hit — every request takes the semantic
 * path (exact lookup, embedding and vector search, then the answer from the exact cache).
 */
export function semanticVariantBodies(model, prompt, count = 200) {
  return Array.from({ length: count }, (_, i) =>
    cacheableChatBody(model, `${prompt} Variant ${i + 1}.`),
  );
}
