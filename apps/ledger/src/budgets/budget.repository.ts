import type { BudgetPeriod, BudgetScope } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';
import { CURRENT_WINDOW_START, WINDOW_SPENT } from './budget-window-sql';

/** A budget as of now (database time): spend of the current window, holds in flight. */
export interface BudgetRow {
  scope: BudgetScope;
  owner_id: string;
  period: BudgetPeriod;
  amount: bigint;
  spent: bigint;
  reserved: bigint;
  period_start: Date | null;
}

export interface BudgetWrite {
  scope: BudgetScope;
  ownerId: string;
  teamId: string;
  period: BudgetPeriod;
  amountMicroUsd: number;
}

const CURRENT_COLUMNS = Prisma.sql`b.scope::text AS scope, b.owner_id, b.period::text AS period,
  b.amount, ${WINDOW_SPENT} AS spent, b.reserved, ${CURRENT_WINDOW_START} AS period_start`;

@Injectable()
export class BudgetRepository {
  /**
   * Creates the budget or changes its amount and period. Spend already made in the current
   * window is kept when the period stays the same (raising a limit is not a reset); a new
   * period starts from zero. Holds in flight stay.
   */
  async upsert(tx: Tx, budget: BudgetWrite): Promise<BudgetRow> {
    const period = Prisma.sql`${budget.period}::budget_period`;
    const [row] = await tx.$queryRaw<BudgetRow[]>`
      WITH b AS (
        INSERT INTO budgets AS b (scope, owner_id, team_id, period, amount, period_start)
        VALUES (${budget.scope}::budget_scope, ${budget.ownerId}, ${budget.teamId}, ${period},
                ${BigInt(budget.amountMicroUsd)}, budget_period_start(${period}, now()))
        ON CONFLICT (scope, owner_id) DO UPDATE SET
          amount = EXCLUDED.amount,
          spent = CASE
            WHEN b.period = EXCLUDED.period
             AND b.period_start IS NOT DISTINCT FROM EXCLUDED.period_start THEN b.spent
            ELSE 0 END,
          period = EXCLUDED.period,
          period_start = EXCLUDED.period_start,
          updated_at = now()
        RETURNING b.*
      )
      SELECT ${CURRENT_COLUMNS} FROM b`;
    return row;
  }

  /** Removes the budget; returns whether there was one. */
  async delete(tx: Tx, scope: BudgetScope, ownerId: string): Promise<boolean> {
    const count = await tx.$executeRaw`
      DELETE FROM budgets WHERE scope = ${scope}::budget_scope AND owner_id = ${ownerId}`;
    return count > 0;
  }

  /** Current budgets of the given owners of one scope, by owner id. */
  async findByOwners(
    db: Tx,
    scope: BudgetScope,
    ownerIds: string[],
  ): Promise<Map<string, BudgetRow>> {
    if (ownerIds.length === 0) return new Map();
    const rows = await db.$queryRaw<BudgetRow[]>`
      SELECT ${CURRENT_COLUMNS} FROM budgets b
      WHERE b.scope = ${scope}::budget_scope AND b.owner_id = ANY(${ownerIds}::text[])`;
    return new Map(rows.map((row) => [row.owner_id, row]));
  }
}
