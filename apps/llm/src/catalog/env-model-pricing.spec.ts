import { localModelPricing, openaiModelPricing, UNDATED_PRICE_FROM } from './env-model-pricing';
import { KNOWN_OPENAI_MODELS } from './known-prices';

describe('model pricing from the environment', () => {
  it('gives local models the configured demo price in micro-USD per million tokens', () => {
    expect(localModelPricing({ inputUsdPerMTok: 10, outputUsdPerMTok: 30 })).toMatchObject({
      prices: [
        {
          effectiveFrom: UNDATED_PRICE_FROM,
          inputMicroUsdPerMTok: 10_000_000,
          outputMicroUsdPerMTok: 30_000_000,
        },
      ],
    });
    expect(
      localModelPricing({
        inputUsdPerMTok: 0.5,
        outputUsdPerMTok: 1.5,
        effectiveFrom: '2026-01-01',
      }).prices[0],
    ).toMatchObject({ effectiveFrom: '2026-01-01', inputMicroUsdPerMTok: 500_000 });
  });

  it('knows well-known OpenAI models and nothing else', () => {
    expect(openaiModelPricing('gpt-4o-mini', {})).toBe(KNOWN_OPENAI_MODELS['gpt-4o-mini']);
    expect(openaiModelPricing('llama3', {})).toBeUndefined();
    // Not fooled by names every object has.
    expect(openaiModelPricing('constructor', {})).toBeUndefined();
  });

  it('prices an unknown model from the override, with default limits', () => {
    expect(
      openaiModelPricing('llama3', {
        llama3: { input_usd_per_mtok: 0.2, output_usd_per_mtok: 0.6, context_window: 8192 },
      }),
    ).toEqual({
      prices: [
        {
          effectiveFrom: UNDATED_PRICE_FROM,
          inputMicroUsdPerMTok: 200_000,
          outputMicroUsdPerMTok: 600_000,
        },
      ],
      contextWindow: 8192,
      maxOutputTokens: 4096,
    });
  });

  it('replaces the built-in prices with an undated override, keeping the known limits', () => {
    const pricing = openaiModelPricing('gpt-4o', {
      'gpt-4o': { input_usd_per_mtok: 2, output_usd_per_mtok: 8, cached_input_usd_per_mtok: 1 },
    });
    expect(pricing?.prices).toEqual([
      {
        effectiveFrom: UNDATED_PRICE_FROM,
        inputMicroUsdPerMTok: 2_000_000,
        outputMicroUsdPerMTok: 8_000_000,
        cachedInputMicroUsdPerMTok: 1_000_000,
      },
    ]);
    expect(pricing?.contextWindow).toBe(128_000);
  });

  it('adds a dated override to the built-in price list, replacing an entry of the same date', () => {
    const known = KNOWN_OPENAI_MODELS['gpt-4o-mini'].prices;
    const change = {
      input_usd_per_mtok: 0.1,
      output_usd_per_mtok: 0.4,
      effective_from: '2027-01-01',
    };
    expect(openaiModelPricing('gpt-4o-mini', { 'gpt-4o-mini': change })?.prices).toEqual([
      ...known,
      {
        effectiveFrom: '2027-01-01',
        inputMicroUsdPerMTok: 100_000,
        outputMicroUsdPerMTok: 400_000,
      },
    ]);
    const correction = { ...change, effective_from: known[0].effectiveFrom };
    expect(openaiModelPricing('gpt-4o-mini', { 'gpt-4o-mini': correction })?.prices).toEqual([
      {
        effectiveFrom: '2024-07-18',
        inputMicroUsdPerMTok: 100_000,
        outputMicroUsdPerMTok: 400_000,
      },
    ]);
  });

  it('keeps every built-in entry positive, dated and within its limits', () => {
    for (const pricing of Object.values(KNOWN_OPENAI_MODELS)) {
      expect(pricing.prices.length).toBeGreaterThan(0);
      expect(pricing.maxOutputTokens).toBeLessThan(pricing.contextWindow);
      for (const price of pricing.prices) {
        expect(price.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isInteger(price.inputMicroUsdPerMTok) && price.inputMicroUsdPerMTok > 0).toBe(
          true,
        );
        expect(price.outputMicroUsdPerMTok).toBeGreaterThanOrEqual(price.inputMicroUsdPerMTok);
        expect(price.cachedInputMicroUsdPerMTok ?? 0).toBeLessThan(price.inputMicroUsdPerMTok);
      }
    }
  });
});
