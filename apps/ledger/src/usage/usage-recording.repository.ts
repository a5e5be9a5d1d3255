import { storableJson, type UsageEvent } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { budgetsOfOwners, CURRENT_WINDOW_START, WINDOW_SPENT } from '../budgets/budget-window-sql';
import type { LedgerDatabase } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';

/**
 * Books usage events in ONE SQL statement per batch — atomic on its own, one round trip and one
 * commit however many events (the consumer's cost is mostly round trips and commits; see
 * bench/README.md). Every step after the insert runs only for the events whose usage row was
 * new, so a redelivered event changes nothing:
 *   1. the usage row, keyed by request id (`ON CONFLICT DO NOTHING`);
 *   2. the request's active budget hold is closed — settled, or released when a failure cost
 *      nothing — and returns what it held;
 *   3. every budget of the key, its user and its team (plus those the hold was on) is locked in
 *      id order, as the reserve locks them, and charged the cost in its current window while the
 *      hold comes off;
 *   4. the event is added to its (UTC day, team, user, key, model) rollup row.
 */
@Injectable()
export class UsageRecordingRepository {
  /**
   * Books the events of a batch (see `UsageRecorder`): budgets are charged the sum of their new
   * events' costs and lose the sum of their closed holds; rollup rows get each group's sums.
   * Text is made storable first (NUL, lone surrogates): Postgres refusing a money event would
   * leave it unbooked. Request ids must be distinct within a batch (a duplicate would be charged
   * twice); rows are inserted in request id order, so two replicas' overlapping batches lock
   * them in the same order. Returns, per event, whether it was new.
   */
  async recordBatch(db: LedgerDatabase, received: readonly UsageEvent[]): Promise<boolean[]> {
    const rows = received.map(({ requestLog: _log, ...usage }) => {
      // The request log it may carry is stored apart (RequestLogWriter): not walked here.
      const event = storableJson(usage);
      return {
        request_id: event.requestId,
        key_id: event.keyId,
        user_id: event.userId,
        team_id: event.teamId,
        endpoint: event.endpoint,
        requested_model: event.requestedModel,
        model: event.model,
        provider: event.provider,
        stream: event.stream,
        status: event.status,
        error_type: event.errorType,
        input_tokens: event.inputTokens,
        output_tokens: event.outputTokens,
        cached_tokens: event.cachedTokens,
        cache_write_tokens: event.cacheWriteTokens,
        // As text: micro-USD may pass 2^53 in principle, and jsonb numbers are doubles to JS.
        cost: String(event.costMicroUsd),
        price_version: event.priceVersion,
        usage_estimated: event.usageEstimated,
        cache_hit: event.cacheHit,
        saved_cost: String(event.savedCostMicroUsd),
        guardrails: event.guardrails.length > 0 ? event.guardrails : null,
        latency_ms: event.latencyMs,
        time_to_first_token_ms: event.timeToFirstTokenMs,
        occurred_at: event.occurredAt,
        releases: event.costMicroUsd === 0 && event.status !== 'success',
      };
    });
    // Named: the same SQL text for any batch, so Postgres plans it once per connection.
    const inserted = await db.queryPrepared<{ request_id: string }>(
      'usage_record_batch_v2',
      Prisma.sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(
          request_id text, key_id text, user_id text, team_id text, endpoint text,
          requested_model text, model text, provider text, stream boolean, status text,
          error_type text, input_tokens int, output_tokens int, cached_tokens int,
          cache_write_tokens int, cost bigint, price_version text, usage_estimated boolean,
          cache_hit boolean, saved_cost bigint, guardrails jsonb, latency_ms int, time_to_first_token_ms int,
          occurred_at timestamptz, releases boolean)
      ),
      inserted AS (
        INSERT INTO usage_events (
          request_id, key_id, user_id, team_id, endpoint, requested_model, model, provider,
          stream, status, error_type, input_tokens, output_tokens, cached_tokens,
          cache_write_tokens, cost, price_version, usage_estimated, cache_hit, saved_cost,
          guardrails, latency_ms, time_to_first_token_ms, occurred_at)
        SELECT request_id, key_id, user_id, team_id, endpoint, requested_model, model, provider,
          stream, status::usage_status, error_type, input_tokens, output_tokens, cached_tokens,
          cache_write_tokens, cost, price_version, usage_estimated, cache_hit, saved_cost,
          guardrails, latency_ms, time_to_first_token_ms, occurred_at
        FROM input ORDER BY request_id
        ON CONFLICT (request_id) DO NOTHING
        RETURNING request_id
      ),
      fresh AS (SELECT e.* FROM input e JOIN inserted USING (request_id)),
      holds AS (
        UPDATE reservations r SET
          status = (CASE WHEN f.releases THEN 'released' ELSE 'settled' END)::reservation_status,
          closed_at = now()
        FROM fresh f
        WHERE r.request_id = f.request_id AND r.status = 'active'
        RETURNING r.amount, r.budget_ids
      ),
      held AS (
        SELECT budget_id, sum(amount) AS amount
        FROM holds, unnest(budget_ids) AS budget_id
        GROUP BY budget_id
      ),
      spend AS (
        SELECT b.id, sum(f.cost) AS cost
        FROM budgets b JOIN fresh f ON ${budgetsOfOwners(Prisma.raw('f.key_id'), Prisma.raw('f.user_id'), Prisma.raw('f.team_id'))}
        GROUP BY b.id
      ),
      locked AS (
        SELECT b.id FROM budgets b
        WHERE b.id IN (SELECT id FROM spend UNION SELECT budget_id FROM held)
        ORDER BY b.id
        FOR UPDATE OF b
      ),
      charged AS (
        UPDATE budgets b SET
          spent = ${WINDOW_SPENT} + COALESCE((SELECT s.cost FROM spend s WHERE s.id = b.id), 0),
          period_start = ${CURRENT_WINDOW_START},
          reserved = GREATEST(0,
            b.reserved - COALESCE((SELECT h.amount FROM held h WHERE h.budget_id = b.id), 0)),
          updated_at = now()
        FROM locked l
        WHERE b.id = l.id
        RETURNING b.id
      ),
      rolled_up AS (
        INSERT INTO usage_daily AS d (day, team_id, user_id, key_id, model, requests, errors,
          input_tokens, output_tokens, cached_tokens, cache_write_tokens, cost, cache_hits,
          saved_cost)
        SELECT (occurred_at AT TIME ZONE 'UTC')::date, COALESCE(team_id, ''),
          COALESCE(user_id, ''), COALESCE(key_id, ''), COALESCE(model, ''),
          count(*), count(*) FILTER (WHERE status <> 'success'), sum(input_tokens),
          sum(output_tokens), sum(cached_tokens), sum(cache_write_tokens), sum(cost),
          count(*) FILTER (WHERE cache_hit), sum(saved_cost)
        FROM fresh
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (day, team_id, user_id, key_id, model) DO UPDATE SET
          requests = d.requests + EXCLUDED.requests,
          errors = d.errors + EXCLUDED.errors,
          input_tokens = d.input_tokens + EXCLUDED.input_tokens,
          output_tokens = d.output_tokens + EXCLUDED.output_tokens,
          cached_tokens = d.cached_tokens + EXCLUDED.cached_tokens,
          cache_write_tokens = d.cache_write_tokens + EXCLUDED.cache_write_tokens,
          cost = d.cost + EXCLUDED.cost,
          cache_hits = d.cache_hits + EXCLUDED.cache_hits,
          saved_cost = d.saved_cost + EXCLUDED.saved_cost
        RETURNING 1
      )
      SELECT request_id FROM inserted`,
    );
    const fresh = new Set(inserted.map((row) => row.request_id));
    return received.map((event) => fresh.has(event.requestId));
  }
}
