import type { ErrorType } from '@conduit/contracts';

/**
 * HTTP status per error type, chosen so the official OpenAI SDKs raise the matching class
 * (400 BadRequestError, 401 AuthenticationError, 403 PermissionDeniedError, 404 NotFoundError,
 * 429 RateLimitError, 5xx InternalServerError).
 */
export const HTTP_STATUS_OF: Record<ErrorType, number> = {
  validation_error: 400,
  authentication_error: 401,
  permission_denied: 403,
  not_found: 404,
  rate_limit_exceeded: 429,
  budget_exceeded: 429,
  context_length_exceeded: 400,
  content_filtered: 400,
  provider_error: 502,
  timeout: 504,
  service_unavailable: 503,
  internal_error: 500,
};

/** Codes whose HTTP meaning is more specific than their type's. */
export const HTTP_STATUS_OF_CODE: Record<string, number> = {
  request_too_large: 413,
  unsupported_media_type: 415,
};
