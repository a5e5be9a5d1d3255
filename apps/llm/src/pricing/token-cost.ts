import type { Usage } from '@conduit/contracts';
import type { ModelPrice } from './model-price';

/** The token counts a call is charged for. `cachedInputTokens` is a part of `inputTokens`. */
export interface BillableTokens {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

/** OpenAI-style usage: cached prompt tokens are reported inside `prompt_tokens`, not beside it. */
export function billableTokens(usage: Usage): BillableTokens {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: usage.prompt_tokens,
    // A provider reporting more cached than prompt tokens must not make the bill cheaper.
    cachedInputTokens: Math.min(cached, usage.prompt_tokens),
    outputTokens: usage.completion_tokens,
  };
}

/**
 * What the tokens cost in micro-USD: exact integer arithmetic (BigInt, so large counts times
 * large prices cannot lose precision), rounded up to a whole micro-USD per request so a
 * request that used tokens never costs less than it should.
 */
export function tokenCostMicroUsd(tokens: BillableTokens, price: ModelPrice): number {
  const cached = Math.min(tokens.cachedInputTokens, tokens.inputTokens);
  const uncached = tokens.inputTokens - cached;
  const cachedPrice = price.cachedInputMicroUsdPerMTok ?? price.inputMicroUsdPerMTok;
  const microUsdTimesMTok =
    BigInt(uncached) * BigInt(price.inputMicroUsdPerMTok) +
    BigInt(cached) * BigInt(cachedPrice) +
    BigInt(tokens.outputTokens) * BigInt(price.outputMicroUsdPerMTok);
  const cost = (microUsdTimesMTok + TOKENS_PER_PRICE_UNIT - 1n) / TOKENS_PER_PRICE_UNIT;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`A cost of ${cost} micro-USD is beyond what can be recorded.`);
  }
  return Number(cost);
}
