import {
  formatMicroUsd,
  type UsageExportPage,
  type UsageExportRequest,
  type UsageQueryRequest,
  type UsageRecord,
  type UsageReport,
  type UsageRow,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { bigintToNumber } from '../common/micro-usd';
import { LedgerDatabase } from '../database/ledger-database';
import { decodeExportCursor, encodeExportCursor } from './export-cursor';
import { EXPORT_PAGE_MAX_BYTES, rowsThatFit } from './export-page';
import {
  UsageQueryRepository,
  type UsageAggregateRow,
  type UsageEventRow,
} from './usage-query.repository';
import { resolveUsageRange } from './usage-range';

const DEFAULT_EXPORT_LIMIT = 1000;

/** Usage reports (grouped totals) and the raw export, for `GET /v1/usage[/export]`. */
@Injectable()
export class UsageQueryService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly usage: UsageQueryRepository,
  ) {}

  async query(request: UsageQueryRequest): Promise<UsageReport> {
    const groups = [...new Set(request.group_by ?? [])];
    const range = resolveUsageRange(request);
    // Whole days come from the rollups (one row per day, team, user, key and model); a range
    // that cuts through a day needs the per-request rows.
    const rows = range.wholeDays
      ? await this.usage.aggregateDaily(this.database.client, request, range, groups)
      : await this.usage.aggregateEvents(this.database.client, request, range, groups);
    const totals = totalsOf(rows);
    return {
      object: 'usage_report',
      group_by: groups,
      // Ungrouped, the one row is the totals (also when nothing matched).
      data: groups.length === 0 ? [totals] : rows.map(toUsageRow),
      totals,
    };
  }

  async export(request: UsageExportRequest): Promise<UsageExportPage> {
    const limit = request.limit ?? DEFAULT_EXPORT_LIMIT;
    const after = request.cursor ? decodeExportCursor(request.cursor) : undefined;
    const rows = await this.usage.page(
      this.database.client,
      request,
      resolveUsageRange(request),
      after,
      limit + 1,
    );
    const records = rows.slice(0, limit).map(toUsageRecord);
    // Cut by size too: the page must fit one NATS message whatever the row count asked.
    const fitting = rowsThatFit(records, EXPORT_PAGE_MAX_BYTES);
    const last = rows[fitting - 1];
    return {
      data: records.slice(0, fitting),
      next_cursor:
        rows.length > fitting && last
          ? encodeExportCursor({ occurredAt: last.occurred_at, requestId: last.request_id })
          : null,
    };
  }
}

type Sums = Pick<
  UsageAggregateRow,
  | 'requests'
  | 'errors'
  | 'input_tokens'
  | 'output_tokens'
  | 'cached_tokens'
  | 'cache_write_tokens'
  | 'cost'
  | 'cache_hits'
  | 'saved_cost'
>;

function amounts(row: Sums) {
  const cost = bigintToNumber(row.cost ?? 0n);
  const requests = bigintToNumber(row.requests ?? 0n);
  const cacheHits = bigintToNumber(row.cache_hits ?? 0n);
  const saved = bigintToNumber(row.saved_cost ?? 0n);
  return {
    requests,
    errors: bigintToNumber(row.errors ?? 0n),
    input_tokens: bigintToNumber(row.input_tokens ?? 0n),
    output_tokens: bigintToNumber(row.output_tokens ?? 0n),
    cached_tokens: bigintToNumber(row.cached_tokens ?? 0n),
    cache_write_tokens: bigintToNumber(row.cache_write_tokens ?? 0n),
    cost_micro_usd: cost,
    cost_usd: formatMicroUsd(cost),
    cache_hits: cacheHits,
    cache_hit_rate: requests === 0 ? 0 : cacheHits / requests,
    saved_cost_micro_usd: saved,
    saved_cost_usd: formatMicroUsd(saved),
  };
}

function toUsageRow(row: UsageAggregateRow): UsageRow {
  const { day, model, key_id, user_id, team_id } = row;
  return {
    ...(day === undefined ? {} : { day }),
    ...(model === undefined ? {} : { model }),
    ...(key_id === undefined ? {} : { key_id }),
    ...(user_id === undefined ? {} : { user_id }),
    ...(team_id === undefined ? {} : { team_id }),
    ...amounts(row),
  };
}

function totalsOf(rows: UsageAggregateRow[]) {
  const sum = (pick: (row: UsageAggregateRow) => bigint | null) =>
    rows.reduce((total, row) => total + (pick(row) ?? 0n), 0n);
  return amounts({
    requests: sum((row) => row.requests),
    errors: sum((row) => row.errors),
    input_tokens: sum((row) => row.input_tokens),
    output_tokens: sum((row) => row.output_tokens),
    cached_tokens: sum((row) => row.cached_tokens),
    cache_write_tokens: sum((row) => row.cache_write_tokens),
    cost: sum((row) => row.cost),
    cache_hits: sum((row) => row.cache_hits),
    saved_cost: sum((row) => row.saved_cost),
  });
}

function toUsageRecord(row: UsageEventRow): UsageRecord {
  const cost = bigintToNumber(row.cost);
  return {
    request_id: row.request_id,
    occurred_at: row.occurred_at.toISOString(),
    key_id: row.key_id,
    user_id: row.user_id,
    team_id: row.team_id,
    endpoint: row.endpoint,
    requested_model: row.requested_model,
    model: row.model,
    provider: row.provider,
    stream: row.stream,
    status: row.status,
    error_type: row.error_type,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cached_tokens: row.cached_tokens,
    cache_write_tokens: row.cache_write_tokens,
    cost_micro_usd: cost,
    cost_usd: formatMicroUsd(cost),
    price_version: row.price_version,
    usage_estimated: row.usage_estimated,
    cache_hit: row.cache_hit,
    saved_cost_micro_usd: bigintToNumber(row.saved_cost),
    saved_cost_usd: formatMicroUsd(bigintToNumber(row.saved_cost)),
    latency_ms: row.latency_ms,
    time_to_first_token_ms: row.time_to_first_token_ms,
  };
}
