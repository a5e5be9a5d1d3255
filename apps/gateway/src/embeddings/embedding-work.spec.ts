import type { EmbedResult } from '@conduit/contracts';
import { sumEmbeddingWork } from './embedding-work';

const result = (costMicroUsd: number, inputTokens: number, cachedTexts: number): EmbedResult => ({
  model: 'local/embed',
  dimensions: 2,
  vectors: [],
  inputTokens,
  cachedTexts,
  charge: {
    model: 'local/embed',
    provider: 'local',
    costMicroUsd,
    priceVersion: 'local/embed@1970-01-01',
  },
});

describe('sumEmbeddingWork', () => {
  it('adds tokens, cache hits and cost of every message, keeping the price version', () => {
    expect(sumEmbeddingWork([result(3, 10, 1), result(4, 12, 0)])).toEqual({
      inputTokens: 22,
      cachedTexts: 1,
      charge: {
        model: 'local/embed',
        provider: 'local',
        costMicroUsd: 7,
        priceVersion: 'local/embed@1970-01-01',
      },
    });
  });

  it('has no charge when nothing was embedded', () => {
    expect(sumEmbeddingWork([])).toEqual({ inputTokens: 0, cachedTexts: 0, charge: null });
  });
});
