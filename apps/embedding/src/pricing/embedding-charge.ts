import type { Charge, EmbedQuote } from '@conduit/contracts';
import type { EmbeddingModel } from '../catalog/embedding-model';
import { requirePriceInEffect } from './price-schedule';

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

/**
 * What `tokens` input tokens cost in micro-USD: exact integer arithmetic (BigInt), rounded up
 * to a whole micro-USD so work that used tokens never costs less than it should.
 */
export function inputCostMicroUsd(tokens: number, microUsdPerMTok: number): number {
  const scaled = BigInt(tokens) * BigInt(microUsdPerMTok);
  const cost = (scaled + TOKENS_PER_PRICE_UNIT - 1n) / TOKENS_PER_PRICE_UNIT;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`A cost of ${cost} micro-USD is beyond what can be recorded.`);
  }
  return Number(cost);
}

/**
 * The charge of one `embedding.v1.embed` message: all its texts' tokens (cache hits included,
 * so a price never depends on which replica answered) at the price in effect at `at`.
 */
export function chargeFor(model: EmbeddingModel, inputTokens: number, at: Date): Charge {
  const { price, version } = requirePriceInEffect(model.id, model.prices, at);
  return {
    model: model.id,
    provider: model.provider,
    costMicroUsd: inputCostMicroUsd(inputTokens, price.microUsdPerMTok),
    priceVersion: version,
  };
}

/** The price of embedding work before it is done: exactly what `chargeFor` will charge. */
export function quoteFor(model: EmbeddingModel, inputTokens: number, at: Date): EmbedQuote {
  const charge = chargeFor(model, inputTokens, at);
  return {
    model: model.id,
    provider: model.provider,
    dimensions: model.dimensions,
    inputTokens,
    worstCaseMicroUsd: charge.costMicroUsd,
    priceVersion: charge.priceVersion,
  };
}
