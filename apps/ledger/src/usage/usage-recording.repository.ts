import type { UsageEvent } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { budgetsOfOwners, CURRENT_WINDOW_START, WINDOW_SPENT } from '../budgets/budget-window-sql';
import type { Tx } from '../database/ledger-database';

export interface HeldReservation {
  amount: bigint;
  budget_ids: bigint[];
  status: 'active' | 'settled' | 'released' | 'expired';
}

/** The writes of one usage event; UsageRecorder runs them in one transaction. */
@Injectable()
export class UsageRecordingRepository {
  /** Stores the event unless its request id is already there; true when it was new. */
  async insertEvent(tx: Tx, event: UsageEvent): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO usage_events (
        request_id, key_id, user_id, team_id, endpoint, requested_model, model, provider,
        stream, status, error_type, input_tokens, output_tokens, cached_tokens, cost,
        price_version, usage_estimated, cache_hit, latency_ms, time_to_first_token_ms,
        occurred_at)
      VALUES (
        ${event.requestId}, ${event.keyId}, ${event.userId}, ${event.teamId}, ${event.endpoint},
        ${event.requestedModel}, ${event.model}, ${event.provider}, ${event.stream},
        ${event.status}::usage_status, ${event.errorType}, ${event.inputTokens}::int,
        ${event.outputTokens}::int, ${event.cachedTokens}::int, ${BigInt(event.costMicroUsd)},
        ${event.priceVersion}, ${event.usageEstimated}, ${event.cacheHit},
        ${event.latencyMs}::int, ${event.timeToFirstTokenMs}::int,
        ${event.occurredAt}::timestamptz)
      ON CONFLICT (request_id) DO NOTHING`;
    return inserted === 1;
  }

  /** Adds the event to its (UTC day, team, user, key, model) rollup row. */
  async addToDailyRollup(tx: Tx, event: UsageEvent): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO usage_daily AS d (day, team_id, user_id, key_id, model, requests, errors,
        input_tokens, output_tokens, cached_tokens, cost)
      VALUES ((${event.occurredAt}::timestamptz AT TIME ZONE 'UTC')::date,
        ${event.teamId ?? ''}, ${event.userId ?? ''}, ${event.keyId ?? ''}, ${event.model ?? ''},
        1, ${event.status === 'success' ? 0 : 1}, ${event.inputTokens}, ${event.outputTokens},
        ${event.cachedTokens}, ${BigInt(event.costMicroUsd)})
      ON CONFLICT (day, team_id, user_id, key_id, model) DO UPDATE SET
        requests = d.requests + EXCLUDED.requests,
        errors = d.errors + EXCLUDED.errors,
        input_tokens = d.input_tokens + EXCLUDED.input_tokens,
        output_tokens = d.output_tokens + EXCLUDED.output_tokens,
        cached_tokens = d.cached_tokens + EXCLUDED.cached_tokens,
        cost = d.cost + EXCLUDED.cost`;
  }

  /** The request's budget hold, locked until the transaction ends. */
  async lockReservation(tx: Tx, requestId: string): Promise<HeldReservation | undefined> {
    const [row] = await tx.$queryRaw<HeldReservation[]>`
      SELECT amount, budget_ids, status::text AS status FROM reservations
      WHERE request_id = ${requestId}
      FOR UPDATE`;
    return row;
  }

  /**
   * Charges `cost` to the current window of every budget of the key, its user and its team,
   * and takes `hold` off the budgets it was placed on. Budget rows are locked in id order first,
   * as the reserve does, so the two never deadlock.
   */
  async chargeBudgets(
    tx: Tx,
    owners: { keyId: string | null; userId: string | null; teamId: string | null },
    cost: bigint,
    hold: { amount: bigint; budgetIds: bigint[] },
  ): Promise<void> {
    if (cost === 0n && hold.budgetIds.length === 0) return;
    const applies = budgetsOfOwners(owners.keyId, owners.userId, owners.teamId);
    await tx.$executeRaw`
      WITH locked AS (
        SELECT b.id FROM budgets b
        WHERE ${applies} OR b.id = ANY(${hold.budgetIds}::bigint[])
        ORDER BY b.id
        FOR UPDATE OF b
      )
      UPDATE budgets b SET
        spent = ${WINDOW_SPENT} + CASE WHEN ${applies} THEN ${cost} ELSE 0 END,
        period_start = ${CURRENT_WINDOW_START},
        reserved = GREATEST(0, b.reserved
          - CASE WHEN b.id = ANY(${hold.budgetIds}::bigint[]) THEN ${hold.amount} ELSE 0 END),
        updated_at = now()
      FROM locked l
      WHERE b.id = l.id`;
  }

  async closeReservation(tx: Tx, requestId: string, status: 'settled' | 'released'): Promise<void> {
    await tx.$executeRaw`
      UPDATE reservations SET status = ${status}::reservation_status, closed_at = now()
      WHERE request_id = ${requestId} AND status = 'active'`;
  }
}
