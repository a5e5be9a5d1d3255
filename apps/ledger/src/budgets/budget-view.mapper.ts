import { formatMicroUsd, type BudgetView } from '@conduit/contracts';
import { bigintToNumber } from '../common/micro-usd';
import type { BudgetRow } from './budget.repository';

/** The API's view of a budget: exact USD strings beside the micro-USD integers. */
export function toBudgetView(row: BudgetRow): BudgetView {
  const amount = bigintToNumber(row.amount);
  const spent = bigintToNumber(row.spent);
  const reserved = bigintToNumber(row.reserved);
  const remaining = Math.max(0, amount - spent - reserved);
  return {
    period: row.period,
    amount_usd: formatMicroUsd(amount),
    spent_usd: formatMicroUsd(spent),
    reserved_usd: formatMicroUsd(reserved),
    remaining_usd: formatMicroUsd(remaining),
    amount_micro_usd: amount,
    spent_micro_usd: spent,
    reserved_micro_usd: reserved,
    period_start: row.period_start ? row.period_start.toISOString() : null,
  };
}

export function toBudgetViewOrNull(row: BudgetRow | undefined): BudgetView | null {
  return row ? toBudgetView(row) : null;
}
