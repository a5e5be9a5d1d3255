import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, that exists (prices' effective dates). */
export const IsoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((day) => {
    const parsed = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
  }, 'must be a real calendar date');

// Prices are stored in micro-USD per million tokens; finer than that would be rounded away.
const atMostSixDecimals = (usd: number) => Math.abs(usd * 1e6 - Math.round(usd * 1e6)) < 1e-6;

/** A price in USD per million tokens, as providers publish them. */
export const UsdPerMTokSchema = z
  .number()
  .nonnegative('must not be negative')
  .max(1_000_000, 'must be at most 1,000,000')
  .refine(atMostSixDecimals, 'must have at most 6 decimal places');

/** The same, read from an environment variable. */
export const envUsdPerMTok = (fallback: number) =>
  z.coerce.number().pipe(UsdPerMTokSchema).default(fallback);
