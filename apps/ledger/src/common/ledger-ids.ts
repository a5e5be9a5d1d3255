import { randomBytes } from 'node:crypto';

export type LedgerIdKind = 'team' | 'user' | 'key' | 'rsv';

/** `<kind>_<32 hex>`, the shape `ledger/ids.schema.ts` accepts. */
export function newLedgerId(kind: LedgerIdKind): string {
  return `${kind}_${randomBytes(16).toString('hex')}`;
}
