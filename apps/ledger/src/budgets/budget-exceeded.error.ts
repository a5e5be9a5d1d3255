import {
  BudgetExceededError,
  formatMicroUsd,
  type BudgetExceededDetails,
} from '@conduit/contracts';
import { bigintToNumber } from '../common/micro-usd';
import type { CheckedBudget } from './budget-reservation.repository';

/** Which budget to blame when several refuse: the narrowest one. */
const SCOPE_ORDER = { key: 0, user: 1, team: 2 } as const;

/** The budgets among `budgets` that cannot take `amount` more, narrowest first. */
export function refusingBudgets(budgets: CheckedBudget[], amount: bigint): CheckedBudget[] {
  return budgets
    .filter((budget) => budget.spent + budget.reserved + amount > budget.amount)
    .sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope]);
}

/** The 429 a client sees: which budget, its period, what is left and what was asked for. */
export function budgetExceeded(
  budget: CheckedBudget,
  amount: bigint,
  ownerName: string | undefined,
): BudgetExceededError {
  const left = budget.amount - budget.spent - budget.reserved;
  const details: BudgetExceededDetails = {
    scope: budget.scope,
    owner_id: budget.owner_id,
    period: budget.period,
    limit_usd: formatMicroUsd(bigintToNumber(budget.amount)),
    remaining_usd: formatMicroUsd(bigintToNumber(left > 0n ? left : 0n)),
    requested_usd: formatMicroUsd(bigintToNumber(amount)),
  };
  const owner = ownerName ? `'${ownerName}' (${budget.owner_id})` : budget.owner_id;
  return new BudgetExceededError(
    `Budget exceeded: the ${budget.period} budget of ${budget.scope} ${owner} has ` +
      `$${details.remaining_usd} of $${details.limit_usd} left; this request may cost up to ` +
      `$${details.requested_usd}.`,
    { code: 'budget_exceeded', details: { ...details } },
  );
}
