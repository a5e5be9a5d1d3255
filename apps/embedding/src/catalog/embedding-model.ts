/** A dated price in integer micro-USD per million input tokens, so every charge is exact. */
export interface EmbeddingPrice {
  /** `YYYY-MM-DD`: the price applies from 00:00 UTC that day until a newer entry takes over. */
  effectiveFrom: string;
  microUsdPerMTok: number;
}

export type Tokenizer = 'cl100k_base' | 'o200k_base';

/** What the service knows of one embedding model: shape, limits and price. */
export interface EmbeddingModel {
  /** Catalog id, `<provider>/<upstream model>`: `local/embed`, `openai/text-embedding-3-small`. */
  id: string;
  /** The deployment serving it: `local`, or OPENAI_PROVIDER_NAME. */
  provider: string;
  /** The name the provider knows the model by. */
  upstreamModel: string;
  /** Vector length when a request asks for none. */
  dimensions: number;
  /** Longest `dimensions` a request may ask for; null when the length is fixed. */
  maxDimensions: number | null;
  /** How texts are counted for billing and limits. */
  tokenizer: Tokenizer;
  /** Most tokens one text may have; null when unbounded. */
  maxInputTokens: number | null;
  /** Most tokens one provider call may carry; null when unbounded. */
  maxTokensPerCall: number | null;
  /** In any order, never empty; the entry in effect is picked by date. */
  prices: readonly EmbeddingPrice[];
}
