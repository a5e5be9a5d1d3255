import type { ChatCompletionRequest, ChatQuote } from '@conduit/contracts';
import { countRequestTokens } from '@conduit/tokens';
import { fitRequest, type ModelLimits } from './request-fit';
import type { PricedModel } from './model-pricing';
import { requirePriceInEffect } from './price-schedule';
import { tokenCostMicroUsd } from '@conduit/contracts';

export type QuotableModel = PricedModel & ModelLimits;

/**
 * The pre-flight of a chat request: its counted input, the most output it can be billed for
 * and what that worst case costs now, so budget can be reserved before the call. A request
 * that cannot fit the model is refused here, before anything is reserved.
 */
export function quoteChat(
  model: QuotableModel,
  request: ChatCompletionRequest,
  at: Date,
  inputTokens = countRequestTokens(request),
): ChatQuote {
  const fitted = fitRequest(model, request, inputTokens);
  // Every one of the n choices is billed for its own output.
  const maxOutputTokens = fitted.maxOutputTokens * (request.n ?? 1);
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

/**
 * The quote of a request that may be served by any model of a fallback chain: the worst case
 * over every model it fits, so a fallback at a higher price cannot overrun the budget hold.
 * `model` stays the one asked for. Fails as the first model would when it fits none.
 */
export function quoteChain(
  chain: readonly QuotableModel[],
  request: ChatCompletionRequest,
  at: Date,
  inputTokens = countRequestTokens(request),
): ChatQuote {
  const [primary] = chain;
  let worst: ChatQuote | undefined;
  let firstFailure: unknown;
  for (const model of chain) {
    try {
      const quote = quoteChat(model, request, at, inputTokens);
      if (!worst || quote.worstCaseMicroUsd > worst.worstCaseMicroUsd) worst = quote;
      else if (quote.maxOutputTokens > worst.maxOutputTokens) {
        worst = { ...worst, maxOutputTokens: quote.maxOutputTokens };
      }
    } catch (error) {
      firstFailure ??= error;
    }
  }
  if (!worst || !primary) throw firstFailure;
  return { ...worst, model: primary.id, provider: primary.provider.name };
}
