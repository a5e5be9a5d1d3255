/**
 * The response headers the gateway sets, as OpenAPI header objects (`components.headers`).
 * Routes name the ones they send; `x-request-id` goes on every response.
 */
export const RESPONSE_HEADERS = {
  'x-request-id': {
    description:
      'The id of this request (also `error.request_id` in an error body): quote it to support; usage rows and traces carry it.',
    schema: { type: 'string' },
  },
  'request-id': {
    description: "The request id again, where Anthropic's SDKs read it (`/v1/messages` only).",
    schema: { type: 'string' },
  },
  'x-conduit-served-by': {
    description:
      'The catalog model id that answered (after aliases and fallbacks), e.g. `local/echo`.',
    schema: { type: 'string' },
  },
  'x-conduit-cost-usd': {
    description:
      'What this request cost, in USD as an exact decimal string (e.g. `0.000123`). Streams carry their cost in the final usage chunk when `conduit.include_cost` is set.',
    schema: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
  },
  'x-conduit-guardrails': {
    description:
      'Which guardrails acted on the prompt, as `scanner:action` pairs (e.g. `pii:redacted,invisible_text:redacted`); absent when none did.',
    schema: { type: 'string' },
  },
  'x-conduit-cache': {
    description:
      'Whether the response cache answered: `hit`, `miss` or `bypass` (only when response caching is enabled).',
    schema: { type: 'string', enum: ['hit', 'miss', 'bypass'] },
  },
  'x-conduit-cache-similarity': {
    description: 'The cosine similarity of the cached prompt, on a semantic cache hit.',
    schema: { type: 'string' },
  },
  'x-ratelimit-limit-requests': {
    description: "The key's requests-per-minute limit (only when the key has one).",
    schema: { type: 'string' },
  },
  'x-ratelimit-remaining-requests': {
    description: 'Requests left in the current one-minute window.',
    schema: { type: 'string' },
  },
  'x-ratelimit-reset-requests': {
    description:
      "Until the request window frees up, in OpenAI's duration format (`20ms`, `1s`, `6m0s`).",
    schema: { type: 'string' },
  },
  'x-ratelimit-limit-tokens': {
    description: "The key's tokens-per-minute limit (only when the key has one).",
    schema: { type: 'string' },
  },
  'x-ratelimit-remaining-tokens': {
    description: 'Tokens left in the current one-minute window.',
    schema: { type: 'string' },
  },
  'x-ratelimit-reset-tokens': {
    description: "Until the token window frees up, in OpenAI's duration format.",
    schema: { type: 'string' },
  },
  'retry-after': {
    description: 'Seconds to wait before retrying (rate limits, an unavailable upstream).',
    schema: { type: 'string' },
  },
} as const;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** OpenAI's `x-ratelimit-*` headers (rate-limit-headers.mapper.ts), sent for the limits a key has. */
export const RATE_LIMIT_HEADERS: ResponseHeaderName[] = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
];

/** What a chat answer carries beyond `x-request-id`. */
export const CHAT_HEADERS: ResponseHeaderName[] = [
  'x-conduit-served-by',
  'x-conduit-cost-usd',
  'x-conduit-guardrails',
  'x-conduit-cache',
  'x-conduit-cache-similarity',
  ...RATE_LIMIT_HEADERS,
];

/** What a metered embedding call (embeddings, document ingest, search) carries. */
export const METERED_HEADERS: ResponseHeaderName[] = ['x-conduit-cost-usd', ...RATE_LIMIT_HEADERS];
