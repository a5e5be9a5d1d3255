import { ValidationError } from '@conduit/contracts';

export interface ExportPosition {
  occurredAt: Date;
  requestId: string;
}

/** Opaque to clients: the (occurred_at, request_id) of the last row they received. */
export function encodeExportCursor(position: ExportPosition): string {
  return Buffer.from(
    JSON.stringify([position.occurredAt.toISOString(), position.requestId]),
  ).toString('base64url');
}

export function decodeExportCursor(cursor: string): ExportPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, requestId] = parsed as unknown[];
      const occurredAt = new Date(typeof at === 'string' ? at : Number.NaN);
      if (typeof requestId === 'string' && !Number.isNaN(occurredAt.getTime())) {
        return { occurredAt, requestId };
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
