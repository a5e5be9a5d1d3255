import type { AuditEvent } from '@conduit/contracts';
import { csvLines } from '../http/csv';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'request_id',
  'actor',
  'actor_type',
  'action',
  'route',
  'team_id',
  'user_id',
  'key_id',
  'outcome',
  'status',
  'error_type',
  'error_code',
  'summary',
] as const;
type AuditCsvColumn = (typeof AUDIT_CSV_COLUMNS)[number];

function cellValue(event: AuditEvent, column: AuditCsvColumn): string | number | null {
  switch (column) {
    case 'team_id':
    case 'user_id':
    case 'key_id':
      return event.target[column];
    case 'summary':
      return JSON.stringify(event.summary);
    default:
      return event[column];
  }
}

/** RFC 4180 rows, formula-safe (names in summaries are admin-given text). */
export function auditCsvRows(events: readonly AuditEvent[]): string {
  return csvLines(
    events.map((event) => AUDIT_CSV_COLUMNS.map((column) => cellValue(event, column))),
  );
}
