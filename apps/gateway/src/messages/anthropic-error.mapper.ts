import { DomainError, type ErrorPayload, type ErrorType } from '@conduit/contracts';
import type { ErrorType as AnthropicErrorType } from '@anthropic-ai/sdk/resources/shared';
import { HTTP_STATUS_OF, HTTP_STATUS_OF_CODE } from '../http/error-status';
import { toHttpError } from '../http/openai-error';

/**
 * Anthropic's error type per Conduit error type. HTTP statuses are the OpenAI surface's
 * (HTTP_STATUS_OF), which the Anthropic SDK maps to the same exception classes. `timeout` is
 * Anthropic's own `timeout_error` (a 504 there too), which the SDK knows.
 */
export const ANTHROPIC_ERROR_TYPE_OF: Record<ErrorType, AnthropicErrorType> = {
  validation_error: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
  content_filtered: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_denied: 'permission_error',
  not_found: 'not_found_error',
  rate_limit_exceeded: 'rate_limit_error',
  budget_exceeded: 'rate_limit_error',
  provider_error: 'api_error',
  internal_error: 'api_error',
  timeout: 'timeout_error',
  service_unavailable: 'overloaded_error',
};

/**
 * Anthropic's error body (`ErrorResponse`). Conduit's precise cause travels in
 * `error.details.error_code` (our `code`, else our `type`, e.g. `budget_exceeded`), where the
 * SDK exposes it as `APIError.errorCode`; `details.param` names the offending parameter.
 */
export interface AnthropicErrorBody {
  type: 'error';
  error: {
    type: AnthropicErrorType;
    message: string;
    details: { error_code: string; param?: string };
  };
  request_id: string | null;
}

export interface AnthropicHttpError {
  status: number;
  body: AnthropicErrorBody;
  headers: Record<string, string>;
}

function payloadOf(error: ErrorPayload | DomainError): ErrorPayload {
  return error instanceof DomainError ? error.toPayload() : error;
}

/** The body of an error response, or the data of a stream's `error` event. */
export function anthropicErrorBody(
  error: ErrorPayload | DomainError,
  requestId: string | null,
): AnthropicErrorBody {
  const payload = payloadOf(error);
  return {
    type: 'error',
    error: {
      type: ANTHROPIC_ERROR_TYPE_OF[payload.type],
      message: payload.message,
      details: {
        error_code: payload.code ?? payload.type,
        ...(payload.param ? { param: payload.param } : {}),
      },
    },
    request_id: requestId,
  };
}

/** The HTTP status the OpenAI surface uses for the same error. */
export function anthropicErrorStatus(error: ErrorPayload | DomainError): number {
  const payload = payloadOf(error);
  return (payload.code && HTTP_STATUS_OF_CODE[payload.code]) || HTTP_STATUS_OF[payload.type];
}

/**
 * Anything thrown while serving `/v1/messages` as a status, headers and Anthropic body. Unknown
 * and framework errors are classified exactly as on the OpenAI surface (toHttpError), so
 * unexpected messages never leak. A spent budget adds `x-should-retry: false`: the SDKs retry
 * every 429 otherwise, and a budget does not refill in seconds.
 */
export function toAnthropicHttpError(
  error: unknown,
  requestId: string,
  unknownRouteHint?: string,
): AnthropicHttpError {
  const openai = toHttpError(error, requestId, unknownRouteHint);
  const payload: ErrorPayload = {
    // toHttpError's body carries the DomainError's own payload fields.
    type: openai.body.error.type as ErrorType,
    message: openai.body.error.message,
    code: openai.body.error.code,
    param: openai.body.error.param,
  };
  const headers = { ...openai.headers };
  if (payload.type === 'budget_exceeded') headers['x-should-retry'] = 'false';
  return { status: openai.status, headers, body: anthropicErrorBody(payload, requestId) };
}
