import type { UsageFilter, UsageGroup } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';
import { utcDay, type UsageRange } from './usage-range';

export interface UsageAggregateRow {
  day?: string;
  model?: string | null;
  key_id?: string | null;
  user_id?: string | null;
  team_id?: string | null;
  /** NULL only for the single row of an ungrouped sum over no rows. */
  requests: bigint | null;
  errors: bigint | null;
  input_tokens: bigint | null;
  output_tokens: bigint | null;
  cached_tokens: bigint | null;
  cache_write_tokens: bigint | null;
  cost: bigint | null;
  cache_hits: bigint | null;
  saved_cost: bigint | null;
}

export interface UsageEventRow {
  request_id: string;
  occurred_at: Date;
  key_id: string | null;
  user_id: string | null;
  team_id: string | null;
  endpoint: string;
  requested_model: string;
  model: string | null;
  provider: string | null;
  stream: boolean;
  status: 'success' | 'error' | 'cancelled';
  error_type: string | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  cost: bigint;
  price_version: string | null;
  usage_estimated: boolean;
  cache_hit: boolean;
  saved_cost: bigint;
  latency_ms: number;
  time_to_first_token_ms: number | null;
}

type Filter = Pick<UsageFilter, 'key_id' | 'user_id' | 'team_id' | 'model'>;

/** Output column of each group, per source (rollups store absent ids and models as ''). */
const GROUP_COLUMNS: Record<UsageGroup, { daily: Prisma.Sql; events: Prisma.Sql; as: string }> = {
  day: {
    daily: Prisma.sql`to_char(day, 'YYYY-MM-DD')`,
    events: Prisma.sql`to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')`,
    as: 'day',
  },
  model: { daily: Prisma.sql`NULLIF(model, '')`, events: Prisma.sql`model`, as: 'model' },
  key: { daily: Prisma.sql`NULLIF(key_id, '')`, events: Prisma.sql`key_id`, as: 'key_id' },
  user: { daily: Prisma.sql`NULLIF(user_id, '')`, events: Prisma.sql`user_id`, as: 'user_id' },
  team: { daily: Prisma.sql`NULLIF(team_id, '')`, events: Prisma.sql`team_id`, as: 'team_id' },
};

const DAILY_TOTALS = Prisma.sql`sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
  sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens,
  sum(cached_tokens)::bigint AS cached_tokens,
  sum(cache_write_tokens)::bigint AS cache_write_tokens, sum(cost)::bigint AS cost,
  sum(cache_hits)::bigint AS cache_hits, sum(saved_cost)::bigint AS saved_cost`;

const EVENT_TOTALS = Prisma.sql`count(*)::bigint AS requests,
  count(*) FILTER (WHERE status <> 'success')::bigint AS errors,
  sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens,
  sum(cached_tokens)::bigint AS cached_tokens,
  sum(cache_write_tokens)::bigint AS cache_write_tokens, sum(cost)::bigint AS cost,
  count(*) FILTER (WHERE cache_hit)::bigint AS cache_hits,
  sum(saved_cost)::bigint AS saved_cost`;

function ownerConditions(filter: Filter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.team_id) conditions.push(Prisma.sql`team_id = ${filter.team_id}`);
  if (filter.user_id) conditions.push(Prisma.sql`user_id = ${filter.user_id}`);
  if (filter.key_id) conditions.push(Prisma.sql`key_id = ${filter.key_id}`);
  if (filter.model) conditions.push(Prisma.sql`model = ${filter.model}`);
  return conditions;
}

function where(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0
    ? Prisma.empty
    : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
}

function grouped(
  source: 'daily' | 'events',
  groups: UsageGroup[],
): { select: Prisma.Sql; groupBy: Prisma.Sql } {
  if (groups.length === 0) return { select: Prisma.empty, groupBy: Prisma.empty };
  const columns = groups.map((group) => GROUP_COLUMNS[group][source]);
  const select = Prisma.join(
    groups.map((group, i) => Prisma.sql`${columns[i]} AS ${Prisma.raw(GROUP_COLUMNS[group].as)},`),
    ' ',
  );
  const positions = Prisma.raw(groups.map((_, i) => String(i + 1)).join(', '));
  return { select, groupBy: Prisma.sql`GROUP BY ${positions} ORDER BY ${positions}` };
}

@Injectable()
export class UsageQueryRepository {
  /** Totals per group from the daily rollups; the range must fall on whole UTC days. */
  aggregateDaily(
    db: Tx,
    filter: Filter,
    range: UsageRange,
    groups: UsageGroup[],
  ): Promise<UsageAggregateRow[]> {
    const conditions = ownerConditions(filter);
    if (range.from) conditions.push(Prisma.sql`day >= ${utcDay(range.from)}::date`);
    if (range.to) conditions.push(Prisma.sql`day < ${utcDay(range.to)}::date`);
    const { select, groupBy } = grouped('daily', groups);
    return db.$queryRaw<UsageAggregateRow[]>`
      SELECT ${select} ${DAILY_TOTALS} FROM usage_daily ${where(conditions)} ${groupBy}`;
  }

  /** Totals per group from the usage rows themselves, for ranges that cut through a day. */
  aggregateEvents(
    db: Tx,
    filter: Filter,
    range: UsageRange,
    groups: UsageGroup[],
  ): Promise<UsageAggregateRow[]> {
    const conditions = [...ownerConditions(filter), ...rangeConditions(range)];
    const { select, groupBy } = grouped('events', groups);
    return db.$queryRaw<UsageAggregateRow[]>`
      SELECT ${select} ${EVENT_TOTALS} FROM usage_events ${where(conditions)} ${groupBy}`;
  }

  /** One page of usage rows in (occurred_at, request_id) order, after the given row. */
  page(
    db: Tx,
    filter: Filter,
    range: UsageRange,
    after: { occurredAt: Date; requestId: string } | undefined,
    limit: number,
  ): Promise<UsageEventRow[]> {
    const conditions = [...ownerConditions(filter), ...rangeConditions(range)];
    if (after) {
      conditions.push(
        Prisma.sql`(occurred_at, request_id) > (${after.occurredAt}::timestamptz, ${after.requestId})`,
      );
    }
    return db.$queryRaw<UsageEventRow[]>`
      SELECT request_id, occurred_at, key_id, user_id, team_id, endpoint, requested_model,
        model, provider, stream, status::text AS status, error_type, input_tokens,
        output_tokens, cached_tokens, cache_write_tokens, cost, price_version, usage_estimated, cache_hit,
        saved_cost, latency_ms, time_to_first_token_ms
      FROM usage_events ${where(conditions)}
      ORDER BY occurred_at, request_id
      LIMIT ${limit}`;
  }
}

function rangeConditions(range: UsageRange): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (range.from) conditions.push(Prisma.sql`occurred_at >= ${range.from}::timestamptz`);
  if (range.to) conditions.push(Prisma.sql`occurred_at < ${range.to}::timestamptz`);
  return conditions;
}
