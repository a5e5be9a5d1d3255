import {
  BudgetExceededError,
  DomainError,
  Events,
  type BudgetInput,
  type BudgetView,
} from '@conduit/contracts';
import { ReservationSweeper } from '../src/budgets/reservation-sweeper.service';
import { eventually } from './support/eventually';
import { usageEvent } from './support/events';
import { createKey, createTeam, createUser, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

const PRICE = 10_000; // micro-USD per request: $0.01
const AFFORDS_50: BudgetInput = { amount_usd: 0.5, period: 'monthly' };

describe('budget reservations', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger?.close());

  const reserve = (keyId: string, requestId = uniqueName('req'), amountMicroUsd = PRICE) =>
    ledger.client.request('ledger.v1.budget.reserve', { requestId, keyId, amountMicroUsd });

  async function keyBudget(keyId: string): Promise<BudgetView | null> {
    const { data } = await ledger.client.request('ledger.v1.key.list', {});
    return data.find((key) => key.id === keyId)!.budget;
  }

  /** 200 reserves at once from the given keys (round robin); returns successes and refusals. */
  async function burst(keyIds: string[]) {
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => reserve(keyIds[i % keyIds.length])),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    for (const refusal of refused) {
      expect(refusal.reason).toBeInstanceOf(BudgetExceededError);
    }
    return { reserved: results.length - refused.length, refused: refused.length };
  }

  it('lets exactly 50 of 200 concurrent requests through a key budget that affords 50', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id, budget: AFFORDS_50 });

    expect(await burst([key.id])).toEqual({ reserved: 50, refused: 150 });
    expect(await keyBudget(key.id)).toMatchObject({
      reserved_micro_usd: 500_000,
      spent_micro_usd: 0,
      remaining_usd: '0.000000',
    });
    const [{ count }] = await ledger.schema.sql<{ count: string }>(
      `SELECT count(*) FROM reservations WHERE key_id = $1 AND status = 'active'`,
      [key.id],
    );
    expect(Number(count)).toBe(50);
  });

  it('holds a user budget across all of the user’s keys', async () => {
    const team = await createTeam(ledger.client);
    const user = await createUser(ledger.client, team.id, AFFORDS_50);
    const keys = await Promise.all(
      [1, 2, 3, 4].map(() => createKey(ledger.client, { team_id: team.id, user_id: user.id })),
    );
    expect(await burst(keys.map((key) => key.id))).toEqual({ reserved: 50, refused: 150 });
    const { data } = await ledger.client.request('ledger.v1.user.list', { team_id: team.id });
    expect(data[0].budget).toMatchObject({ reserved_micro_usd: 500_000 });
  });

  it('holds a team budget across users and keys', async () => {
    const team = await createTeam(ledger.client, AFFORDS_50);
    const users = await Promise.all([1, 2].map(() => createUser(ledger.client, team.id)));
    const keys = await Promise.all([
      createKey(ledger.client, { team_id: team.id }),
      ...users.map((user) => createKey(ledger.client, { team_id: team.id, user_id: user.id })),
    ]);
    expect(await burst(keys.map((key) => key.id))).toEqual({ reserved: 50, refused: 150 });
    const { data } = await ledger.client.request('ledger.v1.team.list', {});
    expect(data.find((t) => t.id === team.id)!.budget).toMatchObject({
      reserved_micro_usd: 500_000,
    });
  });

  it('refuses when any applicable budget refuses, naming the budget and what is left', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 100, period: 'daily' });
    const user = await createUser(ledger.client, team.id, { amount_usd: 0.05, period: 'daily' });
    const key = await createKey(ledger.client, {
      team_id: team.id,
      user_id: user.id,
      budget: { amount_usd: 10, period: 'lifetime' },
    });
    await reserve(key.id, uniqueName('req'), 30_000);

    const refusal = await reserve(key.id, uniqueName('req'), 30_000).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    const error = refusal as DomainError;
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toContain(`daily budget of user '${user.name}' (${user.id})`);
    expect(error.message).toContain('$0.020000 of $0.050000 left');
    expect(error.message).toContain('$0.030000');
    expect(error.details).toEqual({
      scope: 'user',
      owner_id: user.id,
      period: 'daily',
      limit_usd: '0.050000',
      remaining_usd: '0.020000',
      requested_usd: '0.030000',
    });
    // All or nothing: the key and team budgets did not take the refused hold either.
    expect(await keyBudget(key.id)).toMatchObject({ reserved_micro_usd: 30_000 });
  });

  it('is idempotent by request id: a repeat returns the first reservation', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.015, period: 'monthly' },
    });
    const first = await reserve(key.id, 'req-idem-1');
    // The budget is now too small for a second hold: only idempotency can answer this.
    const again = await reserve(key.id, 'req-idem-1');
    const concurrent = await Promise.all([1, 2, 3].map(() => reserve(key.id, 'req-idem-1')));
    expect(again).toEqual(first);
    expect(concurrent).toEqual([first, first, first]);
    expect(first).toMatchObject({ requestId: 'req-idem-1', reservedMicroUsd: PRICE, budgets: 1 });
    expect(await keyBudget(key.id)).toMatchObject({ reserved_micro_usd: PRICE });
  });

  it('makes a reservation on no budget for a key without any', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id });
    expect(await reserve(key.id, uniqueName('req'), 5_000_000)).toMatchObject({
      reservedMicroUsd: 5_000_000,
      budgets: 0,
    });
  });

  it('refuses keys that cannot authenticate', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id });
    await ledger.client.request('ledger.v1.key.revoke', { id: key.id });
    await expect(reserve(key.id)).rejects.toMatchObject({ code: 'key_revoked' });
    await expect(reserve(`key_${'0'.repeat(32)}`)).rejects.toMatchObject({ type: 'not_found' });
  });

  it('rolls a window over by database time: old spend stops counting, holds carry over', async () => {
    const team = await createTeam(ledger.client);
    const daily = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.1, period: 'daily' },
    });
    const lifetime = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.1, period: 'lifetime' },
    });
    await reserve(daily.id, 'req-yesterday', 20_000);
    await reserve(lifetime.id, uniqueName('req'), 20_000);
    // Yesterday, 90% of both was spent (and one hold is still in flight).
    await ledger.schema.sql(
      `UPDATE budgets SET spent = 90000, period_start = period_start - interval '1 day'
       WHERE owner_id = $1`,
      [daily.id],
    );
    await ledger.schema.sql(`UPDATE budgets SET spent = 70000 WHERE owner_id = $1`, [lifetime.id]);
    expect(await keyBudget(daily.id)).toMatchObject({
      spent_micro_usd: 0,
      reserved_micro_usd: 20_000,
    });

    await reserve(daily.id, uniqueName('req'), 80_000);
    await expect(reserve(daily.id, uniqueName('req'), 1)).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    await expect(reserve(lifetime.id, uniqueName('req'), 10_001)).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    const [row] = await ledger.schema.sql(
      `SELECT spent, reserved, period_start = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
       FROM budgets WHERE owner_id = $1`,
      [daily.id],
    );
    expect(row).toEqual({ spent: '0', reserved: '100000', today: true });
  });

  it('sweeps expired holds back into the budget, once', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id, budget: AFFORDS_50 });
    await reserve(key.id, 'req-expiring-1', 200_000);
    await reserve(key.id, 'req-expiring-2', 100_000);
    await reserve(key.id, 'req-live', 50_000);
    await ledger.schema.sql(
      `UPDATE reservations SET expires_at = now() - interval '1 second' WHERE request_id LIKE 'req-expiring-%'`,
    );

    const sweeper = ledger.get(ReservationSweeper);
    const [a, b] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(a + b).toBe(2);
    expect(await sweeper.sweep()).toBe(0);
    expect(await keyBudget(key.id)).toMatchObject({ reserved_micro_usd: 50_000 });
    const rows = await ledger.schema.sql<{ request_id: string; status: string }>(
      `SELECT request_id, status::text FROM reservations WHERE key_id = $1 ORDER BY request_id`,
      [key.id],
    );
    expect(rows).toEqual([
      { request_id: 'req-expiring-1', status: 'expired' },
      { request_id: 'req-expiring-2', status: 'expired' },
      { request_id: 'req-live', status: 'active' },
    ]);
  });

  it('settles the hold with the real cost when the usage event arrives', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id, budget: AFFORDS_50 });
    const holds = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reserve(key.id, `req-settle-${i}`, 40_000)),
    );
    const costs = holds.map((_, i) => 1_000 * (i + 1));
    for (const [i, hold] of holds.entries()) {
      await ledger.publisher.publishDurable(
        Events.ledgerUsageRecorded,
        usageEvent(hold.requestId, key.id, team.id, costs[i]),
        { msgId: hold.requestId },
      );
    }
    const charged = costs.reduce((sum, cost) => sum + cost, 0);
    await eventually(async () =>
      expect(await keyBudget(key.id)).toMatchObject({
        spent_micro_usd: charged,
        reserved_micro_usd: 0,
      }),
    );
  });
});
