import {
  ChatCompletionChunkSchema,
  ContextLengthExceededError,
  DomainError,
  NotFoundError,
  ProviderError,
  RateLimitExceededError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
} from '@conduit/contracts';
import OpenAI from 'openai';
import { ProviderCompletionSchema, type ProviderCompletion } from '../provider-completion.schema';
import { retryAfterSeconds } from '../retry-after';

/**
 * The upstream body: the caller's request, addressed to the provider's own model id, without
 * Conduit's own `conduit` options — they are ours, and a strict upstream would reject them.
 * Every other argument (`modalities`, `audio`, `prediction`, `web_search_options`, the legacy
 * `functions`, …) goes as given: the provider decides what its models support.
 */
export function toProviderRequest(
  request: ChatCompletionRequest,
  upstreamModel: string,
  stream: boolean,
): OpenAI.ChatCompletionCreateParams {
  const upstream = { ...request, model: upstreamModel, messages: withoutCacheControl(request) };
  delete upstream.conduit;
  const body = upstream as OpenAI.ChatCompletionCreateParams;
  if (stream) {
    // Always ask for usage upstream: a stream is charged from it, whatever the client asked.
    // The caller's other stream options (include_obfuscation, …) are the provider's to honour.
    const streamOptions = { ...request.stream_options, include_usage: true };
    return { ...body, stream: true, stream_options: streamOptions };
  }
  return { ...body, stream: false, stream_options: undefined };
}

/** `cache_control` is Conduit's extension for Anthropic; OpenAI rejects unknown part fields. */
function withoutCacheControl(request: ChatCompletionRequest): ChatCompletionRequest['messages'] {
  if (!request.messages.some((message) => Array.isArray(message.content))) return request.messages;
  return request.messages.map((message) =>
    Array.isArray(message.content)
      ? ({
          ...message,
          content: message.content.map((part) =>
            'cache_control' in part
              ? Object.fromEntries(Object.entries(part).filter(([key]) => key !== 'cache_control'))
              : part,
          ),
        } as typeof message)
      : message,
  );
}

/** Validates an upstream completion; a body that breaks OpenAI's shape is a provider error. */
export function toChatCompletion(raw: unknown, provider: string): ProviderCompletion {
  const parsed = ProviderCompletionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderError(`The ${provider} provider returned a malformed completion.`, {
      code: 'malformed_provider_response',
    });
  }
  return parsed.data;
}

export function toChunk(raw: unknown, provider: string): ChatCompletionChunk {
  const parsed = ChatCompletionChunkSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderError(`The ${provider} provider sent a malformed stream chunk.`, {
      code: 'malformed_provider_response',
    });
  }
  return parsed.data;
}

/**
 * Maps what the OpenAI SDK throws to the taxonomy. The caller's own mistakes (400, 404, 422)
 * keep their meaning; the gateway's upstream credentials failing (401/403) is our problem,
 * not the caller's, so it is a provider error.
 */
export function toDomainError(error: unknown, provider: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof OpenAI.APIUserAbortError) {
    return new TimeoutError(`The request to ${provider} was cancelled.`, { code: 'cancelled' });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new TimeoutError(`The ${provider} provider did not answer in time.`, {
      code: 'provider_timeout',
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ServiceUnavailableError(`The ${provider} provider could not be reached.`, {
      code: 'provider_unreachable',
    });
  }
  if (error instanceof OpenAI.APIError) {
    const upstreamMessage =
      error.error && typeof error.error === 'object' && 'message' in error.error
        ? String((error.error as { message: unknown }).message)
        : error.message;
    const status = error.status as number | undefined;
    const headers = error.headers as Headers | undefined;
    const details = {
      provider,
      upstream_status: status,
      retry_after_seconds: retryAfterSeconds(headers),
    };
    const options = { code: error.code ?? null, param: error.param ?? null, details };
    const message = `${provider}: ${upstreamMessage}`;
    switch (error.status) {
      case 400:
      case 422:
        return error.code === 'context_length_exceeded'
          ? new ContextLengthExceededError(message, options)
          : new ValidationError(message, options);
      case 404:
        return new NotFoundError(message, options);
      case 429:
        return new RateLimitExceededError(message, {
          ...options,
          code: error.code ?? 'provider_rate_limited',
        });
      case 408:
        return new TimeoutError(message, options);
      default:
        return new ProviderError(message, { ...options, code: error.code ?? 'provider_error' });
    }
  }
  return new ProviderError(
    `The ${provider} provider failed: ${(error as Error)?.message ?? String(error)}`,
    {
      code: 'provider_error',
    },
  );
}
