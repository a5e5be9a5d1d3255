import { formatMicroUsd, type Charge } from '@conduit/contracts';

/** `conduit: {…}` in a response when the request asked for `conduit.include_cost`. */
export function costView(charge: Charge) {
  return {
    cost_usd: formatMicroUsd(charge.costMicroUsd),
    cost_micro_usd: charge.costMicroUsd,
    price_version: charge.priceVersion,
    model: charge.model,
  };
}
