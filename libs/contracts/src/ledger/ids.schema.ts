import { z } from 'zod';
import { printableText } from '../text/printable-text.schema';

/** Ledger ids are `<kind>_<32 hex>`; a malformed id is a 400, not a lookup. */
const HEX_ID = '[0-9a-f]{32}';

function prefixedId(prefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_${HEX_ID}$`), `must be a ${prefix} id like ${prefix}_<32 hex>`);
}

export const TeamIdSchema = prefixedId('team');
export const UserIdSchema = prefixedId('user');
export const KeyIdSchema = prefixedId('key');
export const ReservationIdSchema = prefixedId('rsv');

/** A person-given name: trimmed, 1–100 characters. */
export const NameSchema = printableText().trim().min(1, 'must not be empty').max(100);
