import { InternalError } from '@conduit/contracts';
import type { ModelPrice } from './model-price';

/** The price a call is charged at and the version string recorded with the charge. */
export interface PriceInEffect {
  price: ModelPrice;
  /** `<catalog model id>@<effectiveFrom>`. */
  version: string;
}

/** The UTC calendar day of an instant, as `YYYY-MM-DD` (comparable as a string). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The newest entry whose effective date has arrived (UTC), or undefined when none has —
 * so a price announced ahead of time can sit in the list until its day comes.
 */
export function priceInEffect(
  modelId: string,
  prices: readonly ModelPrice[],
  at: Date,
): PriceInEffect | undefined {
  const today = utcDay(at);
  let current: ModelPrice | undefined;
  for (const price of prices) {
    if (price.effectiveFrom > today) continue;
    if (!current || price.effectiveFrom > current.effectiveFrom) current = price;
  }
  return current && { price: current, version: `${modelId}@${current.effectiveFrom}` };
}

/**
 * The price of a served model. Boot refuses a model without a price in effect and dates only
 * move forward, so a miss here is a bug — never a free request.
 */
export function requirePriceInEffect(
  modelId: string,
  prices: readonly ModelPrice[],
  at: Date,
): PriceInEffect {
  const current = priceInEffect(modelId, prices, at);
  if (!current) {
    throw new InternalError(`No price is in effect for the model '${modelId}' on ${utcDay(at)}.`, {
      code: 'price_missing',
    });
  }
  return current;
}
