import { toBudgetView } from './budget-view.mapper';

describe('toBudgetView', () => {
  it('shows exact USD strings beside the micro-USD integers', () => {
    expect(
      toBudgetView({
        scope: 'key',
        owner_id: 'key_1',
        period: 'monthly',
        amount: 12_500_000n,
        spent: 1_234_567n,
        reserved: 100n,
        period_start: new Date('2026-03-01T00:00:00Z'),
      }),
    ).toEqual({
      period: 'monthly',
      amount_usd: '12.500000',
      spent_usd: '1.234567',
      reserved_usd: '0.000100',
      remaining_usd: '11.265333',
      amount_micro_usd: 12_500_000,
      spent_micro_usd: 1_234_567,
      reserved_micro_usd: 100,
      period_start: '2026-03-01T00:00:00.000Z',
    });
  });

  it('clamps what remains at zero when a limit was lowered below the spend', () => {
    const view = toBudgetView({
      scope: 'team',
      owner_id: 'team_1',
      period: 'lifetime',
      amount: 1_000_000n,
      spent: 3_000_000n,
      reserved: 0n,
      period_start: null,
    });
    expect(view).toMatchObject({ remaining_usd: '0.000000', period_start: null });
  });
});
