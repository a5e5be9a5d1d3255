import { usdToMicro } from '@conduit/contracts';
import type { ModelPrice } from '@conduit/catalog';
import type { ModelPricing } from '@conduit/catalog';

/** One dated price in USD per million tokens, as OpenAI publishes it, stored in micro-USD. */
function usdPerMTok(
  effectiveFrom: string,
  input: number,
  output: number,
  cachedInput?: number,
): ModelPrice {
  return {
    effectiveFrom,
    inputMicroUsdPerMTok: usdToMicro(input),
    outputMicroUsdPerMTok: usdToMicro(output),
    ...(cachedInput === undefined ? {} : { cachedInputMicroUsdPerMTok: usdToMicro(cachedInput) }),
  };
}

const GPT_4O = { contextWindow: 128_000, maxOutputTokens: 16_384 };
const GPT_41 = { contextWindow: 1_047_576, maxOutputTokens: 32_768 };
const GPT_5 = { contextWindow: 400_000, maxOutputTokens: 128_000 };
const REASONING = { contextWindow: 200_000, maxOutputTokens: 100_000 };

/**
 * OpenAI's public list prices (standard tier: input, output, cached input, USD per 1M tokens)
 * and limits of well-known models, as published on openai.com/api/pricing and the model pages,
 * compiled August 2025. Dates are when a price took effect (launch or price change). Prices
 * change: `OPENAI_MODEL_PRICES` overrides or extends this table without a release. Keys are
 * the upstream model ids exactly as listed in `OPENAI_MODELS`; dated snapshots need an entry
 * of their own there.
 */
export const KNOWN_OPENAI_MODELS: Readonly<Record<string, ModelPricing>> = {
  'gpt-4o': {
    ...GPT_4O,
    prices: [usdPerMTok('2024-05-13', 5, 15), usdPerMTok('2024-10-02', 2.5, 10, 1.25)],
  },
  'gpt-4o-mini': { ...GPT_4O, prices: [usdPerMTok('2024-07-18', 0.15, 0.6, 0.075)] },
  'gpt-4.1': { ...GPT_41, prices: [usdPerMTok('2025-04-14', 2, 8, 0.5)] },
  'gpt-4.1-mini': { ...GPT_41, prices: [usdPerMTok('2025-04-14', 0.4, 1.6, 0.1)] },
  'gpt-4.1-nano': { ...GPT_41, prices: [usdPerMTok('2025-04-14', 0.1, 0.4, 0.025)] },
  'gpt-5': { ...GPT_5, prices: [usdPerMTok('2025-08-07', 1.25, 10, 0.125)] },
  'gpt-5-mini': { ...GPT_5, prices: [usdPerMTok('2025-08-07', 0.25, 2, 0.025)] },
  'gpt-5-nano': { ...GPT_5, prices: [usdPerMTok('2025-08-07', 0.05, 0.4, 0.005)] },
  o3: {
    ...REASONING,
    // The 80% price cut of June 2025.
    prices: [usdPerMTok('2025-04-16', 10, 40, 2.5), usdPerMTok('2025-06-10', 2, 8, 0.5)],
  },
  'o3-mini': { ...REASONING, prices: [usdPerMTok('2025-01-31', 1.1, 4.4, 0.55)] },
  'o4-mini': { ...REASONING, prices: [usdPerMTok('2025-04-16', 1.1, 4.4, 0.275)] },
  'gpt-4-turbo': {
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    prices: [usdPerMTok('2024-04-09', 10, 30)],
  },
  'gpt-3.5-turbo': {
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    prices: [usdPerMTok('2024-01-25', 0.5, 1.5)],
  },
};
