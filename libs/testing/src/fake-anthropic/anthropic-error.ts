import { toRfc3339 } from './anthropic-headers';
import type { FakeAnthropicErrorType } from './fake-anthropic.types';

/**
 * An Anthropic error response before it is sent. The body, `{"type":"error","error":{type,
 * message},"request_id"}`, is built by the writer so `request_id` matches the `request-id` header.
 */
export interface AnthropicErrorReply {
  status: number;
  type: FakeAnthropicErrorType;
  message: string;
  headers?: Record<string, string>;
}

function reply(
  status: number,
  type: FakeAnthropicErrorType,
  message: string,
  headers?: Record<string, string>,
): AnthropicErrorReply {
  return { status, type, message, headers };
}

/** 400, with the real API's `<field path>: <problem>` wording when a field is at fault. */
export function invalidRequest(message: string): AnthropicErrorReply {
  return reply(400, 'invalid_request_error', message);
}

export function missingApiKey(): AnthropicErrorReply {
  return reply(401, 'authentication_error', 'x-api-key header is required');
}

export function invalidApiKey(): AnthropicErrorReply {
  return reply(401, 'authentication_error', 'invalid x-api-key');
}

export function invalidBearerToken(): AnthropicErrorReply {
  return reply(401, 'authentication_error', 'Invalid bearer token');
}

export function missingVersion(): AnthropicErrorReply {
  return invalidRequest('anthropic-version: header is required');
}

/** Anthropic names only the model in its 404, prefixed like a field error. */
export function modelNotFound(model: string): AnthropicErrorReply {
  return reply(404, 'not_found_error', `model: ${model}`);
}

export function routeNotFound(): AnthropicErrorReply {
  return reply(404, 'not_found_error', 'Not Found');
}

export function requestTooLarge(): AnthropicErrorReply {
  return reply(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
}

/** 429 with `retry-after` and the request bucket exhausted until the retry time. */
export function rateLimited(retryAfterSeconds: number, limit: number): AnthropicErrorReply {
  const resetAt = new Date(Date.now() + retryAfterSeconds * 1000);
  return reply(
    429,
    'rate_limit_error',
    `This request would exceed the rate limit for your organization of ${limit} requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
    {
      'retry-after': String(Math.ceil(retryAfterSeconds)),
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': toRfc3339(resetAt),
    },
  );
}

export function serverError(status: 500 | 503 | 529 = 500): AnthropicErrorReply {
  switch (status) {
    case 529:
      return reply(529, 'overloaded_error', 'Overloaded');
    case 503:
      return reply(503, 'api_error', 'Service Unavailable');
    default:
      return reply(500, 'api_error', 'Internal server error');
  }
}

/** The fake's own failure (e.g. a throwing `reply` callback), shaped like Anthropic's 500 so clients handle it. */
export function internalError(message: string): AnthropicErrorReply {
  return reply(500, 'api_error', message);
}

/** An error event's type as an HTTP error, for an `errorEvent` fault on a non-streaming request. */
export function errorOfType(type: FakeAnthropicErrorType, message: string): AnthropicErrorReply {
  return reply(STATUS_OF_TYPE[type], type, message);
}

/** Default body for a `status` fault that did not supply one. */
export function genericError(status: number): AnthropicErrorReply {
  return reply(status, errorTypeOfStatus(status), `Fake Anthropic error (HTTP ${status}).`);
}

const STATUS_OF_TYPE: Record<FakeAnthropicErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** Anthropic's documented status → type mapping; other 4xx are `invalid_request_error`, other 5xx `api_error`. */
export function errorTypeOfStatus(status: number): FakeAnthropicErrorType {
  for (const [type, typeStatus] of Object.entries(STATUS_OF_TYPE)) {
    if (typeStatus === status) return type as FakeAnthropicErrorType;
  }
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}
