import type { Charge, EmbedResult } from '@conduit/contracts';

/** The embedding done for one request, summed over the messages it was split into. */
export interface EmbeddingWork {
  inputTokens: number;
  cachedTexts: number;
  /** Null when no message succeeded. */
  charge: Charge | null;
}

/** Adds up the messages that succeeded: each was embedded, so each is charged. */
export function sumEmbeddingWork(results: readonly EmbedResult[]): EmbeddingWork {
  let inputTokens = 0;
  let cachedTexts = 0;
  let costMicroUsd = 0;
  for (const result of results) {
    inputTokens += result.inputTokens;
    cachedTexts += result.cachedTexts;
    costMicroUsd += result.charge.costMicroUsd;
  }
  const first: Charge | undefined = results[0]?.charge;
  return { inputTokens, cachedTexts, charge: first ? { ...first, costMicroUsd } : null };
}
