import type { ModelPrice } from './model-price';

/** A model's commercial terms: what it costs over time and how much it can take and give. */
export interface ModelPricing {
  /** In any order; the entry in effect is picked by date (see `priceInEffect`). Never empty. */
  prices: readonly ModelPrice[];
  /** Input plus output tokens the model accepts in one request. */
  contextWindow: number;
  /** The most output tokens one choice can have. */
  maxOutputTokens: number;
}

/** A served model as pricing sees it: a catalog entry satisfies this. */
export interface PricedModel extends ModelPricing {
  /** Catalog id, e.g. `openai/gpt-4o-mini`. */
  id: string;
  provider: { readonly name: string };
}
