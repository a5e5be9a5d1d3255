import type { EmbedQuote, EmbedResult, EmbeddingUsage } from '@conduit/contracts';

/**
 * What several embed messages cost together: tokens and cached texts added up, the charge
 * summed in integer micro-USD (each message was already rounded up on its own). Model,
 * provider and price version come from the results; with no result (nothing to embed) from
 * the quote, at cost 0.
 */
export function sumEmbeddingUsage(
  quote: EmbedQuote,
  results: readonly EmbedResult[],
): EmbeddingUsage {
  const first = results[0]?.charge;
  return {
    inputTokens: results.reduce((sum, result) => sum + result.inputTokens, 0),
    cachedTexts: results.reduce((sum, result) => sum + result.cachedTexts, 0),
    charge: {
      model: first?.model ?? quote.model,
      provider: first?.provider ?? quote.provider,
      priceVersion: first?.priceVersion ?? quote.priceVersion,
      costMicroUsd: results.reduce((sum, result) => sum + result.charge.costMicroUsd, 0),
    },
  };
}
