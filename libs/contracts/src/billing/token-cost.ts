import { z } from 'zod';
import type { Usage } from '../chat/chat-completion.schema';
import { MicroUsdSchema } from './charge.schema';

/**
 * A model's per-token prices, in integer micro-USD per million tokens, so every charge is
 * computed exactly. Shared by the llm service (which owns the catalog) and the gateway (which
 * prices a stream whose llm replica died before reporting usage).
 */
export const TokenRatesSchema = z.object({
  inputMicroUsdPerMTok: MicroUsdSchema,
  outputMicroUsdPerMTok: MicroUsdSchema,
  /** Prompt tokens served from the provider's prompt cache; charged at the input price when absent. */
  cachedInputMicroUsdPerMTok: MicroUsdSchema.optional(),
  /** Prompt tokens written to the provider's prompt cache (Anthropic); the input price when absent. */
  cacheWriteInputMicroUsdPerMTok: MicroUsdSchema.optional(),
});
export type TokenRates = z.infer<typeof TokenRatesSchema>;

/**
 * The token counts a call is charged for. `cachedInputTokens` (read from the prompt cache) and
 * `cacheWriteInputTokens` (written to it) are parts of `inputTokens`.
 */
export interface BillableTokens {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens?: number;
  outputTokens: number;
}

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

/** OpenAI-style usage: cached prompt tokens are reported inside `prompt_tokens`, not beside it. */
export function billableTokens(usage: Usage): BillableTokens {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  // Conduit's addition to OpenAI's usage, filled by providers with priced cache writes.
  const written = usage.prompt_tokens_details?.['cache_creation_tokens'];
  const cacheWrites = typeof written === 'number' && written > 0 ? Math.floor(written) : 0;
  // A provider reporting more cached than prompt tokens must not make the bill cheaper.
  const cachedInputTokens = Math.min(cached, usage.prompt_tokens);
  return {
    inputTokens: usage.prompt_tokens,
    cachedInputTokens,
    cacheWriteInputTokens: Math.min(cacheWrites, usage.prompt_tokens - cachedInputTokens),
    outputTokens: usage.completion_tokens,
  };
}

/**
 * What the tokens cost in micro-USD: exact integer arithmetic (BigInt, so large counts times
 * large prices cannot lose precision), rounded up to a whole micro-USD per request so a
 * request that used tokens never costs less than it should.
 */
export function tokenCostMicroUsd(tokens: BillableTokens, price: TokenRates): number {
  const cached = Math.min(tokens.cachedInputTokens, tokens.inputTokens);
  const written = Math.min(tokens.cacheWriteInputTokens ?? 0, tokens.inputTokens - cached);
  const uncached = tokens.inputTokens - cached - written;
  const cachedPrice = price.cachedInputMicroUsdPerMTok ?? price.inputMicroUsdPerMTok;
  const writePrice = price.cacheWriteInputMicroUsdPerMTok ?? price.inputMicroUsdPerMTok;
  const microUsdTimesMTok =
    BigInt(uncached) * BigInt(price.inputMicroUsdPerMTok) +
    BigInt(cached) * BigInt(cachedPrice) +
    BigInt(written) * BigInt(writePrice) +
    BigInt(tokens.outputTokens) * BigInt(price.outputMicroUsdPerMTok);
  const cost = (microUsdTimesMTok + TOKENS_PER_PRICE_UNIT - 1n) / TOKENS_PER_PRICE_UNIT;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`A cost of ${cost} micro-USD is beyond what can be recorded.`);
  }
  return Number(cost);
}
