import type { EmbeddingModel } from '../catalog/embedding-model';
import { chargeFor, inputCostMicroUsd, quoteFor } from './embedding-charge';

const model: EmbeddingModel = {
  id: 'openai/text-embedding-ada-002',
  provider: 'openai',
  upstreamModel: 'text-embedding-ada-002',
  dimensions: 1536,
  maxDimensions: null,
  tokenizer: 'cl100k_base',
  maxInputTokens: 8192,
  maxTokensPerCall: 300_000,
  // Deliberately out of order: the list's order must not matter.
  prices: [
    { effectiveFrom: '2023-06-13', microUsdPerMTok: 100_000 },
    { effectiveFrom: '2022-12-15', microUsdPerMTok: 400_000 },
  ],
};

describe('embedding pricing', () => {
  it('rounds every cost up to a whole micro-USD, exactly', () => {
    expect(inputCostMicroUsd(0, 100_000)).toBe(0);
    expect(inputCostMicroUsd(1, 100_000)).toBe(1); // 0.1 micro-USD
    expect(inputCostMicroUsd(10, 100_000)).toBe(1);
    expect(inputCostMicroUsd(11, 100_000)).toBe(2);
    expect(inputCostMicroUsd(1_000_000, 20_000)).toBe(20_000);
    expect(inputCostMicroUsd(123_456_789, 130_000)).toBe(16_049_383); // 16 049 382.57 up
  });

  it('charges at the price in effect, recording its version', () => {
    expect(chargeFor(model, 2_500, new Date('2025-01-01T00:00:00Z'))).toEqual({
      model: 'openai/text-embedding-ada-002',
      provider: 'openai',
      costMicroUsd: 250,
      priceVersion: 'openai/text-embedding-ada-002@2023-06-13',
    });
    expect(chargeFor(model, 2_500, new Date('2023-06-12T23:59:59Z'))).toMatchObject({
      costMicroUsd: 1_000,
      priceVersion: 'openai/text-embedding-ada-002@2022-12-15',
    });
    expect(() => chargeFor(model, 1, new Date('2020-01-01T00:00:00Z'))).toThrow(
      /No price of the model/,
    );
  });

  it('quotes exactly what it will charge, with the model’s default length', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    expect(quoteFor(model, 12_345, at)).toEqual({
      model: model.id,
      provider: 'openai',
      dimensions: 1536,
      inputTokens: 12_345,
      worstCaseMicroUsd: chargeFor(model, 12_345, at).costMicroUsd,
      priceVersion: 'openai/text-embedding-ada-002@2023-06-13',
    });
  });
});
