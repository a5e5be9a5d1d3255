import {
  ContextLengthExceededError,
  requestedMaxTokens,
  type ChatCompletionRequest,
  type ChatQuote,
} from '@conduit/contracts';
import { countRequestTokens } from '../tokens/token-counter';
import type { PricedModel } from './model-pricing';
import { requirePriceInEffect } from './price-schedule';
import { tokenCostMicroUsd } from './token-cost';

/**
 * The pre-flight of a chat request: its counted input, the most output it can be billed for
 * and what that worst case costs now, so budget can be reserved before the call. A request
 * that cannot fit the model's context window is refused here, before anything is reserved.
 */
export function quoteChat(model: PricedModel, request: ChatCompletionRequest, at: Date): ChatQuote {
  const inputTokens = countRequestTokens(request);
  const requested = requestedMaxTokens(request);
  assertFitsContextWindow(model, inputTokens, requested);
  // Without max_tokens a model stops at its output limit or when the window is full.
  const perChoice = requested ?? Math.min(model.maxOutputTokens, model.contextWindow - inputTokens);
  // Every one of the n choices is billed for its own output.
  const maxOutputTokens = perChoice * (request.n ?? 1);
  const { price, version } = requirePriceInEffect(model.id, model.prices, at);
  return {
    model: model.id,
    provider: model.provider.name,
    inputTokens,
    maxOutputTokens,
    worstCaseMicroUsd: tokenCostMicroUsd(
      { inputTokens, cachedInputTokens: 0, outputTokens: maxOutputTokens },
      price,
    ),
    priceVersion: version,
  };
}

function assertFitsContextWindow(
  model: PricedModel,
  inputTokens: number,
  requestedOutput: number | undefined,
): void {
  // A prompt that fills the window leaves no room for even one output token.
  const needed = inputTokens + (requestedOutput ?? 1);
  if (needed <= model.contextWindow) return;
  const asked =
    requestedOutput === undefined
      ? `${inputTokens} tokens in the messages`
      : `${needed} tokens (${inputTokens} in the messages, ${requestedOutput} in the completion)`;
  throw new ContextLengthExceededError(
    `This model's maximum context length is ${model.contextWindow} tokens. However, you requested ${asked}. Please reduce the length of the messages or completion.`,
    {
      code: 'context_length_exceeded',
      param: 'messages',
      details: {
        context_window: model.contextWindow,
        input_tokens: inputTokens,
        max_output_tokens: requestedOutput ?? null,
      },
    },
  );
}
