import type { UsageRecord } from '@conduit/contracts';
import { csvLines } from '../http/csv';

export const USAGE_CSV_COLUMNS = [
  'request_id',
  'occurred_at',
  'key_id',
  'user_id',
  'team_id',
  'endpoint',
  'requested_model',
  'model',
  'provider',
  'stream',
  'status',
  'error_type',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'cost_usd',
  'price_version',
  'usage_estimated',
  'cache_hit',
  'saved_cost_usd',
  'latency_ms',
  'time_to_first_token_ms',
] as const satisfies ReadonlyArray<keyof UsageRecord>;

/** RFC 4180 rows; cells that a spreadsheet would run as a formula are prefixed with `'`. */
export function usageCsvRows(records: UsageRecord[]): string {
  return csvLines(records.map((record) => USAGE_CSV_COLUMNS.map((column) => record[column])));
}
