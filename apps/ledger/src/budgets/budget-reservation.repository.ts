import type { BudgetPeriod, BudgetScope } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { LedgerDatabase, Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';
import { budgetsOfOwners, CURRENT_WINDOW_START, WINDOW_SPENT } from './budget-window-sql';

export interface ReservationRow {
  request_id: string;
  amount: bigint;
  budgets: number;
  expires_at: Date;
}

/** A budget that applies to the key, as the reserve saw it (after waiting for its lock). */
export interface CheckedBudget {
  scope: BudgetScope;
  owner_id: string;
  period: BudgetPeriod;
  amount: bigint;
  spent: bigint;
  reserved: bigint;
}

export type KeyState = 'active' | 'revoked' | 'expired';

export interface ReserveOutcome {
  /** Undefined when there is no such key. */
  keyState: KeyState | undefined;
  /** The request's reservation if it already existed (a retry), or as just made. */
  reservation: ReservationRow | undefined;
  /** False when the reservation was refused; `budgets` then says why. */
  allowed: boolean;
  budgets: CheckedBudget[];
}

interface ReserveResultRow {
  key_state: KeyState | null;
  allowed: boolean;
  existing: ReservationJson | null;
  inserted: ReservationJson | null;
  budgets: CheckedBudgetJson[] | null;
}
type ReservationJson = { request_id: string; amount: number; budgets: number; expires_at: string };
type CheckedBudgetJson = Omit<CheckedBudget, 'amount' | 'spent' | 'reserved'> & {
  amount: string;
  spent: string;
  reserved: string;
};

const k = {
  id: Prisma.raw('k.id'),
  userId: Prisma.raw('k.user_id'),
  teamId: Prisma.raw('k.team_id'),
};

@Injectable()
export class BudgetReservationRepository {
  /**
   * Holds `amount` against every budget of the key, its user and its team — all or nothing —
   * in ONE statement (one round trip, atomic on its own):
   *  1. `locked` takes the budgets' row locks in id order (FOR UPDATE after ORDER BY), so
   *     concurrent reserves queue instead of deadlocking; after the wait, Postgres hands back
   *     the rows as the previous holder committed them.
   *  2. `verdict` checks window spend + holds + amount <= limit for each of them.
   *  3. `ins` records the reservation (request id is the primary key: a retry inserts nothing),
   *     only if allowed and not already there; `upd` adds the hold and rolls each window over,
   *     only if `ins` inserted.
   * A key with no budgets gets a reservation on 0 budgets.
   */
  async reserve(
    database: LedgerDatabase,
    request: { id: string; requestId: string; keyId: string; amount: bigint; ttlSeconds: number },
  ): Promise<ReserveOutcome> {
    // A named prepared statement: planning this CTE cost more than running it (see queryPrepared).
    const [row] = await database.queryPrepared<ReserveResultRow>(
      'budget_reserve_v1',
      Prisma.sql`
      WITH k AS (
        SELECT id, user_id, team_id,
          CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
               WHEN expires_at IS NOT NULL AND expires_at <= now() THEN 'expired'
               ELSE 'active' END AS state
        FROM api_keys WHERE id = ${request.keyId}
      ),
      existing AS (
        SELECT request_id, amount, cardinality(budget_ids) AS budgets, expires_at
        FROM reservations WHERE request_id = ${request.requestId}
      ),
      locked AS (
        SELECT b.id, b.scope, b.owner_id, b.period, b.amount, b.reserved,
               ${WINDOW_SPENT} AS spent, ${CURRENT_WINDOW_START} AS window_start
        FROM budgets b JOIN k ON ${budgetsOfOwners(k.id, k.userId, k.teamId)}
        WHERE NOT EXISTS (SELECT 1 FROM existing)
        ORDER BY b.id
        FOR UPDATE OF b
      ),
      verdict AS (
        SELECT COALESCE(bool_and(spent + reserved + ${request.amount} <= amount), TRUE) AS allowed,
               COALESCE(array_agg(id ORDER BY id), '{}') AS budget_ids
        FROM locked
      ),
      ins AS (
        INSERT INTO reservations (request_id, id, key_id, team_id, amount, budget_ids, expires_at)
        SELECT ${request.requestId}, ${request.id}, k.id, k.team_id, ${request.amount},
               verdict.budget_ids, now() + make_interval(secs => ${request.ttlSeconds})
        FROM k, verdict
        WHERE k.state = 'active' AND verdict.allowed AND NOT EXISTS (SELECT 1 FROM existing)
        ON CONFLICT (request_id) DO NOTHING
        RETURNING request_id, amount, cardinality(budget_ids) AS budgets, expires_at
      ),
      upd AS (
        UPDATE budgets b
        SET reserved = b.reserved + ${request.amount}, spent = l.spent,
            period_start = l.window_start, updated_at = now()
        FROM locked l
        WHERE b.id = l.id AND EXISTS (SELECT 1 FROM ins)
        RETURNING b.id
      )
      SELECT
        (SELECT state FROM k) AS key_state,
        (SELECT allowed FROM verdict) AS allowed,
        (SELECT row_to_json(existing) FROM existing) AS existing,
        (SELECT row_to_json(ins) FROM ins) AS inserted,
        (SELECT json_agg(json_build_object(
            'scope', scope, 'owner_id', owner_id, 'period', period,
            'amount', amount::text, 'spent', spent::text, 'reserved', reserved::text)
          ORDER BY id) FROM locked) AS budgets`,
    );
    const result = row;
    const reservation = result.existing ?? result.inserted;
    return {
      keyState: result.key_state ?? undefined,
      reservation: reservation ? fromJson(reservation) : undefined,
      allowed: result.allowed,
      budgets: (result.budgets ?? []).map((budget) => ({
        ...budget,
        amount: BigInt(budget.amount),
        spent: BigInt(budget.spent),
        reserved: BigInt(budget.reserved),
      })),
    };
  }

  async find(db: Tx, requestId: string): Promise<ReservationRow | undefined> {
    const [row] = await db.$queryRaw<ReservationRow[]>`
      SELECT request_id, amount, cardinality(budget_ids)::int AS budgets, expires_at
      FROM reservations WHERE request_id = ${requestId}`;
    return row;
  }

  /** The display name of a budget's owner, for the refusal message. */
  async ownerName(db: Tx, scope: BudgetScope, ownerId: string): Promise<string | undefined> {
    const table = { key: 'api_keys', user: 'users', team: 'teams' }[scope];
    const [row] = await db.$queryRaw<{ name: string }[]>`
      SELECT name FROM ${Prisma.raw(table)} WHERE id = ${ownerId}`;
    return row?.name;
  }

  /** Holds not yet settled or expired (the `(status, expires_at)` index answers it). */
  async countActive(db: Tx): Promise<number> {
    const [row] = await db.$queryRaw<{ active: number }[]>`
      SELECT count(*)::int AS active FROM reservations WHERE status = 'active'`;
    return row?.active ?? 0;
  }

  /**
   * Releases holds whose request never reported back, oldest first, at most `batchSize`.
   * Replicas sweeping at once skip each other's rows (SKIP LOCKED) instead of queueing, and
   * budget rows are locked in id order like everywhere else. Returns how many were released.
   */
  async releaseExpired(db: Tx, batchSize: number): Promise<number> {
    const [row] = await db.$queryRaw<{ released: number }[]>`
      WITH expired AS (
        SELECT request_id, amount, budget_ids FROM reservations
        WHERE status = 'active' AND expires_at <= now()
        ORDER BY expires_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ),
      marked AS (
        UPDATE reservations r SET status = 'expired', closed_at = now()
        FROM expired e WHERE r.request_id = e.request_id
        RETURNING r.request_id
      ),
      holds AS (
        SELECT budget_id, sum(amount) AS total
        FROM expired, unnest(budget_ids) AS budget_id
        GROUP BY budget_id
      ),
      locked AS (
        SELECT b.id FROM budgets b JOIN holds h ON h.budget_id = b.id
        ORDER BY b.id FOR UPDATE OF b
      ),
      released AS (
        UPDATE budgets b SET reserved = GREATEST(0, b.reserved - h.total), updated_at = now()
        FROM holds h, locked l
        WHERE b.id = h.budget_id AND l.id = b.id
        RETURNING b.id
      )
      SELECT (SELECT count(*) FROM marked)::int AS released,
             (SELECT count(*) FROM released)::int AS budgets`;
    return row?.released ?? 0;
  }
}

function fromJson(json: ReservationJson): ReservationRow {
  return {
    request_id: json.request_id,
    amount: BigInt(json.amount),
    budgets: json.budgets,
    expires_at: new Date(json.expires_at),
  };
}
