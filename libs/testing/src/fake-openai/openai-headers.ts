import type { Exchange } from './exchange';
import { newRequestId } from './openai-ids';

export const JSON_CONTENT_TYPE = 'application/json';
// OpenAI's error responses come from another layer than its successes, with a charset.
export const ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';
export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

export const REQUESTS_PER_MINUTE_LIMIT = 10_000;
const TOKENS_PER_MINUTE_LIMIT = 10_000_000;

/**
 * Headers api.openai.com puts on every response. Clients read `x-request-id` for support
 * tickets and the `x-ratelimit-*` family for client-side throttling, so both must be there.
 */
export function openAIHeaders(exchange: Exchange, contentType: string): Record<string, string> {
  const requestId = newRequestId();
  exchange.response.requestId = requestId;
  return {
    'content-type': contentType,
    'access-control-expose-headers': 'X-Request-ID',
    'openai-organization': 'user-fake',
    'openai-processing-ms': String(Date.now() - exchange.startedAt),
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': String(REQUESTS_PER_MINUTE_LIMIT),
    'x-ratelimit-limit-tokens': String(TOKENS_PER_MINUTE_LIMIT),
    'x-ratelimit-remaining-requests': String(REQUESTS_PER_MINUTE_LIMIT - 1),
    'x-ratelimit-remaining-tokens': String(TOKENS_PER_MINUTE_LIMIT - 1_000),
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '6ms',
    'x-request-id': requestId,
  };
}
