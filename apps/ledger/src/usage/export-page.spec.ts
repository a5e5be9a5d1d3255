import type { UsageRecord } from '@conduit/contracts';
import { rowsThatFit } from './export-page';

const record = (requestId: string): UsageRecord => ({
  request_id: requestId,
  occurred_at: '2026-12-07T00:00:00.000Z',
  key_id: null,
  user_id: null,
  team_id: null,
  endpoint: 'chat.completions',
  requested_model: 'local/echo',
  model: 'local/echo',
  provider: 'local',
  stream: false,
  status: 'success',
  error_type: null,
  input_tokens: 1,
  output_tokens: 1,
  cached_tokens: 0,
  cache_write_tokens: 0,
  cost_micro_usd: 1,
  cost_usd: '0.000001',
  price_version: null,
  usage_estimated: false,
  cache_hit: false,
  saved_cost_micro_usd: 0,
  saved_cost_usd: '0.000000',
  latency_ms: 1,
  time_to_first_token_ms: null,
});

describe('rowsThatFit', () => {
  const rows = Array.from({ length: 100 }, (_, i) => record(`req_${i}`));
  const oneRow = Buffer.byteLength(JSON.stringify(rows[0])) + 1;

  it('keeps every row when the page is small enough', () => {
    expect(rowsThatFit(rows, 1_000_000)).toBe(100);
  });

  it('cuts the page where the JSON would pass the byte budget', () => {
    const fitting = rowsThatFit(rows, 2 + oneRow * 10);
    expect(fitting).toBe(10);
    expect(JSON.stringify(rows.slice(0, fitting)).length).toBeLessThanOrEqual(2 + oneRow * 10);
  });

  it('always returns at least one row, so an export advances', () => {
    expect(rowsThatFit(rows, 10)).toBe(1);
    expect(rowsThatFit([], 10)).toBe(0);
  });
});
