import type { EmbedQuote, EmbedResult } from '@conduit/contracts';
import { sumEmbeddingUsage } from './embedding-usage';

const quote: EmbedQuote = {
  model: 'local/embed',
  provider: 'local',
  dimensions: 384,
  inputTokens: 10,
  worstCaseMicroUsd: 3,
  priceVersion: 'local/embed@2026-01-01',
};

function result(inputTokens: number, cachedTexts: number, costMicroUsd: number): EmbedResult {
  return {
    model: 'openai/text-embedding-3-small',
    dimensions: 384,
    vectors: [],
    inputTokens,
    cachedTexts,
    charge: {
      model: 'openai/text-embedding-3-small',
      provider: 'openai',
      costMicroUsd,
      priceVersion: 'openai/text-embedding-3-small@2026-01-01',
    },
  };
}

describe('sumEmbeddingUsage', () => {
  it('adds tokens, cached texts and integer costs, naming the model from the results', () => {
    expect(sumEmbeddingUsage(quote, [result(100, 2, 3), result(7, 0, 1)])).toEqual({
      inputTokens: 107,
      cachedTexts: 2,
      charge: {
        model: 'openai/text-embedding-3-small',
        provider: 'openai',
        costMicroUsd: 4,
        priceVersion: 'openai/text-embedding-3-small@2026-01-01',
      },
    });
  });

  it('charges nothing, at the quoted model, when nothing was embedded', () => {
    expect(sumEmbeddingUsage(quote, [])).toEqual({
      inputTokens: 0,
      cachedTexts: 0,
      charge: {
        model: 'local/embed',
        provider: 'local',
        costMicroUsd: 0,
        priceVersion: 'local/embed@2026-01-01',
      },
    });
  });
});
