/**
 * One entry of a model's price list, in integer micro-USD per million tokens (1 USD =
 * 1_000_000 micro-USD), so every charge is computed exactly.
 */
export interface ModelPrice {
  /** `YYYY-MM-DD`: the price applies from 00:00 UTC that day until a newer entry takes over. */
  effectiveFrom: string;
  inputMicroUsdPerMTok: number;
  outputMicroUsdPerMTok: number;
  /** Prompt tokens served from the provider's prompt cache; charged at the input price when absent. */
  cachedInputMicroUsdPerMTok?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic); the input price when absent. */
  cacheWriteInputMicroUsdPerMTok?: number;
}
