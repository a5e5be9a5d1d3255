import {
  ContextLengthExceededError,
  DomainError,
  NotFoundError,
  ProviderError,
  RateLimitExceededError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
} from '@conduit/contracts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { retryAfterSeconds } from '../retry-after';

/**
 * The HTTP status an Anthropic error type stands for. An `error` event in the middle of a
 * stream has a type but no status of its own (the response was a 200).
 */
const STATUS_OF_TYPE: Record<string, number> = {
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

/** Anthropic's ways of saying the prompt (plus `max_tokens`) does not fit the context window. */
const CONTEXT_TOO_LONG =
  /prompt is too long|exceeds? (the )?(model's )?context (limit|window)|context (window|length) exceeded|too many (input )?tokens/i;

interface ErrorBody {
  error?: { message?: unknown; type?: unknown };
  message?: unknown;
}

function bodyOf(error: APIError): ErrorBody | undefined {
  const body: unknown = error.error;
  return body && typeof body === 'object' ? body : undefined;
}

function upstreamMessageOf(error: APIError): string {
  if (error.apiMessage) return error.apiMessage;
  const body = bodyOf(error);
  const message = body?.error?.message ?? body?.message;
  return typeof message === 'string' ? message : error.message;
}

function typeOf(error: APIError): string | null {
  if (error.type) return error.type;
  const type = bodyOf(error)?.error?.type;
  return typeof type === 'string' ? type : null;
}

/** `instanceof` narrows to `APIError<any, any, any>`; this keeps the SDK's declared types. */
function isApiError(error: unknown): error is APIError {
  return error instanceof APIError;
}

/**
 * Maps what the Anthropic SDK throws to the taxonomy, as the OpenAI mapper does: the caller's own
 * mistakes (400, 404, 413) keep their meaning; the gateway's credentials failing (401/403) or
 * its billing (402) is our problem, so a provider error; `details` carries what the retry
 * policy reads (`upstream_status`, `retry_after_seconds`).
 */
export function toDomainError(error: unknown, provider: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof APIUserAbortError) {
    return new TimeoutError(`The request to ${provider} was cancelled.`, { code: 'cancelled' });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError(`The ${provider} provider did not answer in time.`, {
      code: 'provider_timeout',
    });
  }
  if (error instanceof APIConnectionError) {
    return new ServiceUnavailableError(`The ${provider} provider could not be reached.`, {
      code: 'provider_unreachable',
    });
  }
  if (isApiError(error)) {
    const upstreamMessage = upstreamMessageOf(error);
    const type = typeOf(error);
    const status = error.status;
    const details = {
      provider,
      upstream_status: status,
      retry_after_seconds: retryAfterSeconds(error.headers),
    };
    const options = { code: error.errorCode ?? type, details };
    const message = `${provider}: ${upstreamMessage}`;
    switch (status ?? (type ? STATUS_OF_TYPE[type] : undefined)) {
      case 400:
      case 422:
        return CONTEXT_TOO_LONG.test(upstreamMessage)
          ? new ContextLengthExceededError(message, { ...options, code: 'context_length_exceeded' })
          : new ValidationError(message, options);
      case 404:
        return new NotFoundError(message, options);
      case 408:
        return new TimeoutError(message, options);
      case 413:
        return new ValidationError(message, { ...options, code: 'request_too_large' });
      case 429:
        return new RateLimitExceededError(message, { ...options, code: 'provider_rate_limited' });
      case 529:
        return new ProviderError(message, { ...options, code: 'overloaded' });
      default:
        return new ProviderError(message, { ...options, code: options.code ?? 'provider_error' });
    }
  }
  return new ProviderError(
    `The ${provider} provider failed: ${(error as Error)?.message ?? String(error)}`,
    { code: 'provider_error' },
  );
}
