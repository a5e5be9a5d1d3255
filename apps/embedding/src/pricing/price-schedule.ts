import { InternalError } from '@conduit/contracts';
import type { EmbeddingPrice } from '../catalog/embedding-model';

/** The price a call is charged at and the version string recorded with the charge. */
export interface PriceInEffect {
  price: EmbeddingPrice;
  /** `<catalog model id>@<effectiveFrom>`. */
  version: string;
}

/** The UTC calendar day of an instant, as `YYYY-MM-DD` (comparable as a string). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The newest entry whose effective date has arrived (UTC), so a price announced ahead of time
 * can sit in the list until its day comes. Boot refuses a model without a price in effect and
 * dates only move forward, so a miss here is a bug — never a free request.
 */
export function requirePriceInEffect(
  modelId: string,
  prices: readonly EmbeddingPrice[],
  at: Date,
): PriceInEffect {
  const today = utcDay(at);
  let current: EmbeddingPrice | undefined;
  for (const price of prices) {
    if (price.effectiveFrom > today) continue;
    if (!current || price.effectiveFrom > current.effectiveFrom) current = price;
  }
  if (!current) {
    throw new InternalError(`No price of the model '${modelId}' is in effect on ${today}.`);
  }
  return { price: current, version: `${modelId}@${current.effectiveFrom}` };
}
