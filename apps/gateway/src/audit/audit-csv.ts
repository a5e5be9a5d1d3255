import type { AuditEvent } from '@conduit/contracts';

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

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

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

/**
 * RFC 4180 rows; a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR) is prefixed with `'` — names in summaries are admin-given text.
 */
export function auditCsvRows(events: readonly AuditEvent[]): string {
  return events
    .map((event) => AUDIT_CSV_COLUMNS.map((column) => csvCell(cellValue(event, column))).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
