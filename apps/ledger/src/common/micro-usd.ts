import { InternalError } from '@conduit/contracts';

/**
 * Postgres BIGINT (micro-USD, token counts) into a JS number for the wire. Above 2^53 a number
 * would silently round, so that is an error rather than a wrong amount.
 */
export function bigintToNumber(value: bigint | number | string): number {
  const big = BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InternalError(`A ledger amount (${big}) exceeds what the API can represent exactly.`);
  }
  return Number(big);
}
