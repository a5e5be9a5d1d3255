import { Prisma } from '../generated/prisma/client';

/*
 * Budget windows in SQL, by the database's clock: `budget_period_start(period, at)` (defined in
 * the init migration) is the start of the UTC day or month holding `at`, NULL for lifetime.
 * A row whose stored period_start is not the current window's start has rolled over: its
 * spend counts as 0 until the next write stores the new window. Reserved holds carry over —
 * the requests they belong to are still in flight.
 */

/** Start of the budget's current window (alias `b` for the budgets row). */
export const CURRENT_WINDOW_START = Prisma.sql`budget_period_start(b.period, now())`;

/** Spend of the budget's current window (alias `b`). */
export const WINDOW_SPENT = Prisma.sql`(CASE
  WHEN b.period <> 'lifetime' AND b.period_start IS DISTINCT FROM budget_period_start(b.period, now())
  THEN 0::bigint ELSE b.spent END)`;

/** Budgets that apply to a key: its own, its user's, its team's (alias `b`). */
export function budgetsOfOwners(
  keyId: Prisma.Sql | string | null,
  userId: Prisma.Sql | string | null,
  teamId: Prisma.Sql | string | null,
): Prisma.Sql {
  return Prisma.sql`((b.scope = 'key' AND b.owner_id = ${keyId})
    OR (b.scope = 'user' AND b.owner_id = ${userId})
    OR (b.scope = 'team' AND b.owner_id = ${teamId}))`;
}
