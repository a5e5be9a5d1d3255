import {
  DomainError,
  NotFoundError,
  ProviderError,
  RateLimitExceededError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
} from '@conduit/contracts';
import OpenAI from 'openai';

/** The upstream's `Retry-After` header in seconds, when it is given as a number of seconds. */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * A failed embeddings call as a domain error, in the llm service's taxonomy: the caller learns
 * whether to fix its request, retry later, or tell an operator. Upstream details (status,
 * Retry-After) ride along in `details`.
 */
export function toEmbeddingDomainError(
  error: unknown,
  provider: string,
  timeoutMs: number,
): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new TimeoutError(
      `The ${provider} embedding provider did not answer within ${timeoutMs} ms.`,
      { code: 'provider_timeout', details: { provider } },
    );
  }
  if (error instanceof OpenAI.APIUserAbortError) {
    return new TimeoutError(`The request to the ${provider} embedding provider was cancelled.`, {
      code: 'cancelled',
      details: { provider },
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ServiceUnavailableError(`The ${provider} embedding provider could not be reached.`, {
      code: 'provider_unreachable',
      details: { provider },
    });
  }
  if (error instanceof OpenAI.APIError) {
    return fromStatus(
      {
        status: error.status as number | undefined,
        body: error.error as unknown,
        message: error.message,
        headers: error.headers as Headers | undefined,
        code: error.code ?? null,
        param: error.param ?? null,
      },
      provider,
    );
  }
  return new ProviderError(
    `The ${provider} embedding provider failed: ${(error as Error)?.message ?? String(error)}`,
    { code: 'provider_error', details: { provider } },
  );
}

/** What an HTTP error answer said, typed (the SDK types it loosely). */
interface UpstreamFailure {
  status: number | undefined;
  body: unknown;
  message: string;
  headers: Headers | undefined;
  code: string | null;
  param: string | null;
}

function fromStatus(error: UpstreamFailure, provider: string): DomainError {
  const { status, body } = error;
  const upstreamMessage =
    body && typeof body === 'object' && 'message' in body ? String(body.message) : error.message;
  const details = {
    provider,
    upstream_status: status,
    retry_after_seconds: retryAfterSeconds(error.headers),
  };
  const options = { code: error.code, param: error.param, details };
  const message = `${provider}: ${upstreamMessage}`;
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(message, options);
    case 401:
    case 403:
      // The caller's key is fine; ours was refused. Say so, without echoing any of it.
      return new ProviderError(
        `The ${provider} embedding provider refused the service's credentials (HTTP ${status}): check OPENAI_API_KEY. Upstream said: ${upstreamMessage}`,
        { ...options, code: 'provider_authentication_failed' },
      );
    case 404:
      return new NotFoundError(message, { ...options, code: error.code ?? 'model_not_found' });
    case 408:
    case 504:
      return new TimeoutError(message, { ...options, code: 'provider_timeout' });
    case 429:
      return new RateLimitExceededError(message, {
        ...options,
        code: error.code ?? 'provider_rate_limited',
      });
    case 503:
      return new ServiceUnavailableError(message, { ...options, code: 'provider_unavailable' });
    default:
      return new ProviderError(message, { ...options, code: error.code ?? 'provider_error' });
  }
}
