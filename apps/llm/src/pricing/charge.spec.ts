import { chargeFor } from './charge';
import type { PricedModel } from '@conduit/catalog';

const model: PricedModel = {
  id: 'openai/gpt-4o',
  provider: { name: 'openai' },
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  prices: [
    {
      effectiveFrom: '2024-05-13',
      inputMicroUsdPerMTok: 5_000_000,
      outputMicroUsdPerMTok: 15_000_000,
    },
    {
      effectiveFrom: '2024-10-02',
      inputMicroUsdPerMTok: 2_500_000,
      cachedInputMicroUsdPerMTok: 1_250_000,
      outputMicroUsdPerMTok: 10_000_000,
    },
  ],
};
const usage = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  total_tokens: 1500,
  prompt_tokens_details: { cached_tokens: 1024 },
};

describe('chargeFor', () => {
  it('charges the served model at the price in effect, recording its version', () => {
    // 176 × 2.5 + 1024 × 1.25 + 300 × 10 = 440 + 1280 + 3000
    expect(chargeFor(model, usage, new Date('2025-01-01T00:00:00Z'))).toEqual({
      model: 'openai/gpt-4o',
      provider: 'openai',
      costMicroUsd: 4720,
      priceVersion: 'openai/gpt-4o@2024-10-02',
    });
  });

  it('uses the older price for a call made before the change', () => {
    // No cached price then: 1200 × 5 + 300 × 15 = 6000 + 4500
    expect(chargeFor(model, usage, new Date('2024-10-01T23:59:59Z'))).toMatchObject({
      costMicroUsd: 10_500,
      priceVersion: 'openai/gpt-4o@2024-05-13',
    });
  });

  it('charges zero tokens nothing', () => {
    expect(
      chargeFor(
        model,
        { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        new Date('2025-01-01T00:00:00Z'),
      ).costMicroUsd,
    ).toBe(0);
  });
});
