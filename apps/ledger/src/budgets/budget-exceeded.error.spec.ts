import { BudgetExceededError } from '@conduit/contracts';
import type { CheckedBudget } from './budget-reservation.repository';
import { budgetExceeded, refusingBudgets } from './budget-exceeded.error';

const budget = (over: Partial<CheckedBudget>): CheckedBudget => ({
  scope: 'key',
  owner_id: 'key_1',
  period: 'monthly',
  amount: 1_000_000n,
  spent: 0n,
  reserved: 0n,
  ...over,
});

describe('refusingBudgets', () => {
  it('keeps the budgets that cannot take the amount, narrowest scope first', () => {
    const team = budget({ scope: 'team', owner_id: 'team_1', spent: 990_000n });
    const user = budget({ scope: 'user', owner_id: 'user_1', reserved: 995_000n });
    const key = budget({ scope: 'key', amount: 5_000_000n });
    expect(refusingBudgets([team, key, user], 20_000n)).toEqual([user, team]);
  });

  it('lets a request use a budget up to the last micro-dollar', () => {
    const exact = budget({ spent: 600_000n, reserved: 390_000n });
    expect(refusingBudgets([exact], 10_000n)).toEqual([]);
    expect(refusingBudgets([exact], 10_001n)).toEqual([exact]);
  });
});

describe('budgetExceeded', () => {
  it('names the budget and states what is left and what was asked, in exact USD', () => {
    const error = budgetExceeded(
      budget({
        scope: 'team',
        owner_id: 'team_9',
        period: 'daily',
        spent: 700_000n,
        reserved: 250_001n,
      }),
      123_456n,
      'Acme',
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toBe(
      "Budget exceeded: the daily budget of team 'Acme' (team_9) has $0.049999 of $1.000000 " +
        'left; this request may cost up to $0.123456.',
    );
    expect(error.details).toEqual({
      scope: 'team',
      owner_id: 'team_9',
      period: 'daily',
      limit_usd: '1.000000',
      remaining_usd: '0.049999',
      requested_usd: '0.123456',
    });
  });

  it('never reports a negative remainder', () => {
    const error = budgetExceeded(budget({ spent: 1_500_000n }), 1n, undefined);
    expect(error.details).toMatchObject({ remaining_usd: '0.000000' });
    expect(error.message).toContain('key key_1 has $0.000000');
  });
});
