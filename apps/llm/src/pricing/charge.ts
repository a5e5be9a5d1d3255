import type { Charge, Usage } from '@conduit/contracts';
import type { PricedModel } from '@conduit/catalog';
import { requirePriceInEffect } from '@conduit/catalog';
import { billableTokens, tokenCostMicroUsd } from './token-cost';

/**
 * What a call to `model` cost, at the price in effect at `at` (when the call started, so a
 * stream that crosses a price change is charged what its quote said).
 */
export function chargeFor(model: PricedModel, usage: Usage, at: Date): Charge {
  const { price, version } = requirePriceInEffect(model.id, model.prices, at);
  return {
    model: model.id,
    provider: model.provider.name,
    costMicroUsd: tokenCostMicroUsd(billableTokens(usage), price),
    priceVersion: version,
  };
}
