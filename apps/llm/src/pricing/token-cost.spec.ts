import type { ModelPrice } from '@conduit/catalog';
import { billableTokens, tokenCostMicroUsd } from './token-cost';

// gpt-4o-mini's list price: $0.15 in, $0.075 cached in, $0.60 out per million tokens.
const mini: ModelPrice = {
  effectiveFrom: '2024-07-18',
  inputMicroUsdPerMTok: 150_000,
  cachedInputMicroUsdPerMTok: 75_000,
  outputMicroUsdPerMTok: 600_000,
};
const tokens = (
  inputTokens: number,
  outputTokens: number,
  cachedInputTokens = 0,
  cacheWriteInputTokens = 0,
) => ({
  cacheWriteInputTokens,
  inputTokens,
  cachedInputTokens,
  outputTokens,
});

describe('tokenCostMicroUsd', () => {
  it('charges nothing for no tokens', () => {
    expect(tokenCostMicroUsd(tokens(0, 0), mini)).toBe(0);
  });

  it('prices input and output per million tokens', () => {
    // 1000 × 0.15 + 500 × 0.60 = 150 + 300 micro-USD
    expect(tokenCostMicroUsd(tokens(1000, 500), mini)).toBe(450);
    // local/echo's default $10 / $30: 7 × 10 + 3 × 30 = 160 micro-USD
    const local = {
      effectiveFrom: '1970-01-01',
      inputMicroUsdPerMTok: 10e6,
      outputMicroUsdPerMTok: 30e6,
    };
    expect(tokenCostMicroUsd(tokens(7, 3), local)).toBe(160);
  });

  it('charges cached prompt tokens at the cached price, within the prompt count', () => {
    // 800 × 0.15 + 200 × 0.075 + 500 × 0.60 = 120 + 15 + 300
    expect(tokenCostMicroUsd(tokens(1000, 500, 200), mini)).toBe(435);
  });

  it('charges cached tokens at the input price when the model has no cached price', () => {
    const uncachedOnly = { ...mini };
    delete uncachedOnly.cachedInputMicroUsdPerMTok;
    expect(tokenCostMicroUsd(tokens(1000, 500, 200), uncachedOnly)).toBe(450);
  });

  it('rounds up to a whole micro-USD per request, never down to free', () => {
    // 1 × 0.15 = 0.15 micro-USD
    expect(tokenCostMicroUsd(tokens(1, 0), mini)).toBe(1);
    // 7 × 0.15 + 1 × 0.6 = 1.65
    expect(tokenCostMicroUsd(tokens(7, 1), mini)).toBe(2);
    // exactly 1: no rounding up of a whole amount
    expect(tokenCostMicroUsd(tokens(0, 5), { ...mini, outputMicroUsdPerMTok: 200_000 })).toBe(1);
  });

  it('is exact where floating point is not', () => {
    const price = {
      effectiveFrom: '2025-01-01',
      inputMicroUsdPerMTok: 987_654_321,
      outputMicroUsdPerMTok: 0,
    };
    // 123456789 × 987654321 = 121932631112635269 (beyond 2^53), / 1e6 rounded up
    expect(tokenCostMicroUsd(tokens(123_456_789, 0), price)).toBe(121_932_631_113);
  });

  it('refuses a cost too large to record exactly', () => {
    const price = {
      effectiveFrom: '2025-01-01',
      inputMicroUsdPerMTok: 1e15,
      outputMicroUsdPerMTok: 0,
    };
    expect(() => tokenCostMicroUsd(tokens(1e9, 0), price)).toThrow(RangeError);
  });
});

describe('prompt-cache writes', () => {
  // Anthropic-style: writes cost 1.25x input, reads 0.1x.
  const sonnet = {
    effectiveFrom: '2025-01-01',
    inputMicroUsdPerMTok: 3_000_000,
    outputMicroUsdPerMTok: 15_000_000,
    cachedInputMicroUsdPerMTok: 300_000,
    cacheWriteInputMicroUsdPerMTok: 3_750_000,
  };

  it('charges written, read and plain prompt tokens each at their own price', () => {
    // 100 plain × 3 + 200 read × 0.3 + 1000 written × 3.75 + 10 out × 15 = 300 + 60 + 3750 + 150
    expect(tokenCostMicroUsd(tokens(1300, 10, 200, 1000), sonnet)).toBe(4260);
  });

  it('charges writes at the input price when the model has no write price', () => {
    const noWritePrice = { ...sonnet, cacheWriteInputMicroUsdPerMTok: undefined };
    expect(tokenCostMicroUsd(tokens(1000, 0, 0, 1000), noWritePrice)).toBe(3000);
  });

  it('reads cache writes from the usage, never more than the uncached prompt tokens', () => {
    expect(
      billableTokens({
        prompt_tokens: 100,
        completion_tokens: 1,
        total_tokens: 101,
        prompt_tokens_details: { cached_tokens: 30, cache_creation_tokens: 500 },
      }),
    ).toEqual(tokens(100, 1, 30, 70));
  });
});

describe('billableTokens', () => {
  it('reads OpenAI usage, cached tokens being part of the prompt tokens', () => {
    expect(
      billableTokens({
        prompt_tokens: 1000,
        completion_tokens: 500,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 200 },
      }),
    ).toEqual(tokens(1000, 500, 200));
    expect(billableTokens({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 })).toEqual(
      tokens(3, 4, 0),
    );
  });

  it('never counts more cached tokens than prompt tokens', () => {
    expect(
      billableTokens({
        prompt_tokens: 10,
        completion_tokens: 0,
        total_tokens: 10,
        prompt_tokens_details: { cached_tokens: 50 },
      }).cachedInputTokens,
    ).toBe(10);
  });
});
