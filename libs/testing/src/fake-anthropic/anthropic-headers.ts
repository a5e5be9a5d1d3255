import { ORGANIZATION_ID } from './anthropic-ids';

// api.anthropic.com sends plain `application/json` on successes and errors alike.
export const JSON_CONTENT_TYPE = 'application/json';
export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

export const REQUESTS_PER_MINUTE_LIMIT = 4_000;
const INPUT_TOKENS_PER_MINUTE_LIMIT = 2_000_000;
const OUTPUT_TOKENS_PER_MINUTE_LIMIT = 400_000;
// Buckets refill continuously; "full again" a second from now is what an idle account reports.
const RESET_AFTER_MS = 1_000;

/** Second precision with a `Z`, the format of the `anthropic-ratelimit-*-reset` headers. */
export function toRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Headers api.anthropic.com puts on every response. Clients read `request-id` for support
 * tickets (the SDK exposes it as `_request_id`) and the `anthropic-ratelimit-*` family for
 * client-side throttling, so both must be there.
 */
export function anthropicHeaders(requestId: string, contentType: string): Record<string, string> {
  const reset = toRfc3339(new Date(Date.now() + RESET_AFTER_MS));
  const tokensLimit = INPUT_TOKENS_PER_MINUTE_LIMIT + OUTPUT_TOKENS_PER_MINUTE_LIMIT;
  return {
    'content-type': contentType,
    'request-id': requestId,
    'anthropic-organization-id': ORGANIZATION_ID,
    'anthropic-ratelimit-requests-limit': String(REQUESTS_PER_MINUTE_LIMIT),
    'anthropic-ratelimit-requests-remaining': String(REQUESTS_PER_MINUTE_LIMIT - 1),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': String(tokensLimit),
    'anthropic-ratelimit-tokens-remaining': String(tokensLimit),
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': String(INPUT_TOKENS_PER_MINUTE_LIMIT),
    'anthropic-ratelimit-input-tokens-remaining': String(INPUT_TOKENS_PER_MINUTE_LIMIT),
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': String(OUTPUT_TOKENS_PER_MINUTE_LIMIT),
    'anthropic-ratelimit-output-tokens-remaining': String(OUTPUT_TOKENS_PER_MINUTE_LIMIT),
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
}
