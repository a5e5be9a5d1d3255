import { WINDOW_SPENT } from '../budgets/budget-window-sql';
import type { Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';
import type { BudgetUtilization } from './ledger-metrics';

/**
 * For `conduit_budget_utilization_ratio`: per team and budget scope, the highest share of a
 * budget spent in its current window (spent / amount; a window that has rolled over counts 0,
 * as the reservation path sees it). One pass over `budgets` (one row per key, user or team with
 * a budget), aggregated in the database. Zero budgets are left out: they block on purpose, their
 * refusals show in `conduit_budget_refusals_total`. Reserved holds (requests in flight) are not
 * spend and are not counted.
 */
export async function readBudgetUtilization(db: Tx): Promise<BudgetUtilization[]> {
  const rows = await db.$queryRaw<{ scope: string; team: string; ratio: number }[]>(Prisma.sql`
    SELECT b.scope::text AS scope, b.team_id AS team,
           max(${WINDOW_SPENT}::float8 / b.amount::float8) AS ratio
      FROM budgets b
     WHERE b.amount > 0
     GROUP BY b.scope, b.team_id`);
  return rows.map((row) => ({ scope: row.scope, team: row.team, ratio: Number(row.ratio) }));
}
