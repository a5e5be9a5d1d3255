import type { ChatCompletionChunk, ChatCompletionRequest } from '@conduit/contracts';
import type { ProviderCompletion } from './provider-completion.schema';

export type { ProviderCompletion };

/** One upstream call, addressed to a provider's own model id. */
export interface ProviderCall {
  request: ChatCompletionRequest;
  upstreamModel: string;
  /**
   * The output cap in effect: the request's own `max_tokens`/`max_completion_tokens` when it set
   * one (already checked against the model's limit), otherwise the model's output limit.
   * Providers that require a cap (Anthropic) send this; others send only what the caller asked.
   */
  maxOutputTokens: number;
  /** Aborts the upstream call (a client that went away). */
  signal?: AbortSignal;
}

/**
 * What every provider adapter implements. `stream` resolves once the upstream accepted the
 * request (so a refusal is still an ordinary error) and then yields OpenAI-shaped chunks.
 */
export interface ChatProvider {
  /** The deployment's name in the catalog; it keys the circuit breaker. */
  readonly name: string;
  /**
   * `gen_ai.provider.name` of its spans: the API flavour spoken (`openai` for every
   * OpenAI-compatible server too, `anthropic`), not the deployment. Absent: `name`.
   */
  readonly genAiProviderName?: string;
  complete(call: ProviderCall): Promise<ProviderCompletion>;
  stream(call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>>;
  /** The provider's own count of the request's input tokens, where it offers one. */
  countTokens?(call: ProviderCall): Promise<number>;
}
