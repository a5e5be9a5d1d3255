import { ValidationError } from '@conduit/contracts';
import type { AuditPosition } from './audit.repository';

/** Opaque to clients: the order of the listing and the position of the last entry received. */
export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.seq.toString()])).toString(
    'base64url',
  );
}

/** A cursor of this API, for a listing in `order`; anything else is a 400. */
export function decodeAuditCursor(cursor: string, order: 'asc' | 'desc'): AuditPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [given, seq] = parsed as unknown[];
      if (given === order && typeof seq === 'string' && /^[0-9]{1,19}$/.test(seq)) {
        return { order, seq: BigInt(seq) };
      }
    }
  } catch {
    // reported below
  }
  throw new ValidationError('The cursor is not one this API returned.', {
    code: 'invalid_cursor',
    param: 'cursor',
  });
}
