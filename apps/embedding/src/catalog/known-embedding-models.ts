import { usdToMicro } from '@conduit/contracts';
import type { EmbeddingModel, EmbeddingPrice } from './embedding-model';

/** The shape and price list of a model of OpenAI's table, before it gets a catalog id. */
export type KnownEmbeddingModel = Pick<
  EmbeddingModel,
  'dimensions' | 'maxDimensions' | 'tokenizer' | 'maxInputTokens' | 'prices'
>;

function usdPerMTok(effectiveFrom: string, usd: number): EmbeddingPrice {
  return { effectiveFrom, microUsdPerMTok: usdToMicro(usd) };
}

/** OpenAI's per-input limit for its embedding models. */
export const OPENAI_MAX_INPUT_TOKENS = 8192;
/** OpenAI's limit on the tokens of all inputs of one embeddings request. */
export const OPENAI_MAX_TOKENS_PER_REQUEST = 300_000;

/**
 * OpenAI's embedding models with their list prices (USD per 1M input tokens, standard tier,
 * openai.com/api/pricing) and vector sizes. Dates are when a price took effect: launch, or
 * ada-002's price cut of June 2023. `OPENAI_EMBEDDING_MODEL_PRICES` overrides or extends this.
 */
export const KNOWN_OPENAI_EMBEDDING_MODELS: Readonly<Record<string, KnownEmbeddingModel>> = {
  'text-embedding-3-small': {
    dimensions: 1536,
    maxDimensions: 1536,
    tokenizer: 'cl100k_base',
    maxInputTokens: OPENAI_MAX_INPUT_TOKENS,
    prices: [usdPerMTok('2024-01-25', 0.02)],
  },
  'text-embedding-3-large': {
    dimensions: 3072,
    maxDimensions: 3072,
    tokenizer: 'cl100k_base',
    maxInputTokens: OPENAI_MAX_INPUT_TOKENS,
    prices: [usdPerMTok('2024-01-25', 0.13)],
  },
  'text-embedding-ada-002': {
    dimensions: 1536,
    // ada-002 predates shortened embeddings: OpenAI answers 400 to any `dimensions`.
    maxDimensions: null,
    tokenizer: 'cl100k_base',
    maxInputTokens: OPENAI_MAX_INPUT_TOKENS,
    prices: [usdPerMTok('2022-12-15', 0.4), usdPerMTok('2023-06-13', 0.1)],
  },
};
