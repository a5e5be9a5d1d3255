import { z } from 'zod';

/** Money on the wire and in the database: integer micro-USD (1 USD = 1_000_000), never a float. */
export const MicroUsdSchema = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * What a finished (or cut) llm call costs, priced by the llm service from its catalog at the
 * price in effect when the call was made. `model` is the catalog id that actually served it.
 */
export const ChargeSchema = z.object({
  model: z.string().min(1),
  provider: z.string().min(1),
  costMicroUsd: MicroUsdSchema,
  /** `<model>@<effective date>` of the price entry used, recorded on every usage row. */
  priceVersion: z.string().min(1),
});
export type Charge = z.infer<typeof ChargeSchema>;

/** Formats micro-USD as a decimal USD string with six places, exactly (no float arithmetic). */
export function formatMicroUsd(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(micro);
  const whole = Math.trunc(abs / 1_000_000);
  const fraction = String(abs % 1_000_000).padStart(6, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Converts a USD amount given by a person (at most six decimals) into micro-USD. */
export function usdToMicro(usd: number): number {
  return Math.round(usd * 1_000_000);
}
