import { Events, ValidationError, type KeyInvalidatedEvent } from '@conduit/contracts';
import { createKey, createTeam, createUser, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';
import { eventually } from './support/eventually';
import { expectRefusedWithoutWrites } from './support/refused-without-writes';

const MISSING_TEAM = `team_${'0'.repeat(32)}`;
const MISSING_KEY = `key_${'0'.repeat(32)}`;

describe('ledger admin: teams, users, budgets', () => {
  let ledger: TestLedger;
  const invalidations: KeyInvalidatedEvent[] = [];

  beforeAll(async () => {
    ledger = await startTestLedger({ LEDGER_DEFAULT_RETENTION_DAYS: '14' });
    ledger.client.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
      invalidations.push(event);
    });
  });
  afterAll(() => ledger?.close());

  const refusedWithoutWrites = (
    request: () => Promise<unknown>,
    expected: Parameters<typeof expectRefusedWithoutWrites>[2],
  ) => expectRefusedWithoutWrites(ledger, request, expected);

  describe('teams', () => {
    it('creates a team with a budget and the default retention, and lists it', async () => {
      const name = uniqueName('acme');
      const team = await ledger.client.request('ledger.v1.team.create', {
        name: `  ${name} `,
        budget: { amount_usd: 12.5, period: 'monthly' },
      });
      expect(team.id).toMatch(/^team_[0-9a-f]{32}$/);
      expect(team).toMatchObject({
        object: 'team',
        name,
        request_log_retention_days: 14,
        budget: {
          period: 'monthly',
          amount_usd: '12.500000',
          spent_usd: '0.000000',
          reserved_usd: '0.000000',
          remaining_usd: '12.500000',
          amount_micro_usd: 12_500_000,
        },
      });
      const monthStart = new Date();
      monthStart.setUTCDate(1);
      monthStart.setUTCHours(0, 0, 0, 0);
      expect(team.budget!.period_start).toBe(monthStart.toISOString());

      const { data } = await ledger.client.request('ledger.v1.team.list', {});
      expect(data.find((t) => t.id === team.id)).toEqual(team);
    });

    it('keeps a given retention, 0 included', async () => {
      const team = await ledger.client.request('ledger.v1.team.create', {
        name: uniqueName('no-logs'),
        request_log_retention_days: 0,
      });
      expect(team.request_log_retention_days).toBe(0);
    });

    it('refuses a duplicate name, a negative budget and a bad period, writing nothing', async () => {
      const team = await createTeam(ledger.client);
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.team.create', {
            name: team.name,
            budget: { amount_usd: 1, period: 'daily' },
          }),
        { type: 'validation_error', code: 'duplicate_name', param: 'name' },
      );
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.team.create', {
            name: uniqueName('neg'),
            budget: { amount_usd: -1, period: 'daily' },
          }),
        { type: 'validation_error', param: 'budget.amount_usd' },
      );
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.team.create', {
            name: uniqueName('weekly'),
            budget: { amount_usd: 1, period: 'weekly' as 'daily' },
          }),
        { type: 'validation_error', param: 'budget.period' },
      );
    });
  });

  describe('users', () => {
    it('creates users in a team and lists them by team', async () => {
      const [a, b] = await Promise.all([createTeam(ledger.client), createTeam(ledger.client)]);
      const alice = await ledger.client.request('ledger.v1.user.create', {
        name: 'alice',
        team_id: a.id,
        email: 'alice@example.com',
        budget: { amount_usd: 3, period: 'daily' },
      });
      // The same name is fine in another team.
      const otherAlice = await ledger.client.request('ledger.v1.user.create', {
        name: 'alice',
        team_id: b.id,
      });
      expect(alice.id).toMatch(/^user_[0-9a-f]{32}$/);
      expect(alice).toMatchObject({
        object: 'user',
        team_id: a.id,
        email: 'alice@example.com',
        budget: { period: 'daily', amount_usd: '3.000000' },
      });
      expect(otherAlice).toMatchObject({ team_id: b.id, email: null, budget: null });
      const { data } = await ledger.client.request('ledger.v1.user.list', { team_id: a.id });
      expect(data).toEqual([alice]);
    });

    it('refuses unknown teams, malformed ids and duplicate names, writing nothing', async () => {
      const team = await createTeam(ledger.client);
      const user = await createUser(ledger.client, team.id);
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.user.create', {
            name: uniqueName('u'),
            team_id: MISSING_TEAM,
            budget: { amount_usd: 1, period: 'daily' },
          }),
        { type: 'validation_error', code: 'unknown_team', param: 'team_id' },
      );
      await refusedWithoutWrites(
        () => ledger.client.request('ledger.v1.user.create', { name: 'x', team_id: 'team_123' }),
        { type: 'validation_error', param: 'team_id' },
      );
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.user.create', {
            name: user.name,
            team_id: team.id,
            budget: { amount_usd: 1, period: 'daily' },
          }),
        { type: 'validation_error', code: 'duplicate_name', param: 'name' },
      );
    });
  });

  describe('budgets', () => {
    it('sets, changes and removes budgets, and invalidates the keys they apply to', async () => {
      const team = await createTeam(ledger.client);
      const user = await createUser(ledger.client, team.id);
      const key = await createKey(ledger.client, { team_id: team.id, user_id: user.id });
      const budgeted = async () =>
        (await ledger.client.request('ledger.v1.key.verify', { secretHash: key.secretHash }))
          .budgeted;
      expect(await budgeted()).toBe(false);

      const set = await ledger.client.request('ledger.v1.budget.set', {
        scope: 'user',
        owner_id: user.id,
        budget: { amount_usd: 2.5, period: 'daily' },
      });
      expect(set.budget).toMatchObject({ period: 'daily', amount_micro_usd: 2_500_000 });
      expect(await budgeted()).toBe(true);
      await eventually(() => expect(invalidations).toContainEqual({ keyIds: [key.id] }));

      await ledger.client.request('ledger.v1.budget.reserve', {
        requestId: uniqueName('req'),
        keyId: key.id,
        amountMicroUsd: 1_000,
      });
      const raised = await ledger.client.request('ledger.v1.budget.set', {
        scope: 'user',
        owner_id: user.id,
        budget: { amount_usd: 4, period: 'daily' },
      });
      // A new limit keeps what is spent and held in the current window.
      expect(raised.budget).toMatchObject({
        amount_micro_usd: 4_000_000,
        reserved_micro_usd: 1_000,
      });

      invalidations.length = 0;
      await ledger.client.request('ledger.v1.budget.set', {
        scope: 'team',
        owner_id: team.id,
        budget: { amount_usd: 100, period: 'monthly' },
      });
      await eventually(() => expect(invalidations).toContainEqual({ all: true }));

      const removed = await ledger.client.request('ledger.v1.budget.set', {
        scope: 'user',
        owner_id: user.id,
        budget: null,
      });
      expect(removed.budget).toBeNull();
      const { data } = await ledger.client.request('ledger.v1.user.list', { team_id: team.id });
      expect(data[0].budget).toBeNull();
      expect(await budgeted()).toBe(true); // the team budget still applies
    });

    it('refuses malformed and unknown owners, writing nothing', async () => {
      const budget = { amount_usd: 1, period: 'daily' as const };
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.budget.set', {
            scope: 'key',
            owner_id: 'team_1',
            budget,
          }),
        { type: 'validation_error', code: 'invalid_id', param: 'owner_id' },
      );
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.budget.set', {
            scope: 'key',
            owner_id: MISSING_KEY,
            budget,
          }),
        { type: 'validation_error', code: 'unknown_key', param: 'owner_id' },
      );
      await refusedWithoutWrites(
        () =>
          ledger.client.request('ledger.v1.budget.set', {
            scope: 'team',
            owner_id: MISSING_TEAM,
            budget: { amount_usd: -0.5, period: 'daily' },
          }),
        { type: 'validation_error', param: 'budget.amount_usd' },
      );
    });
  });

  it('rejects a ValidationError as such across the wire', async () => {
    const error = await ledger.client
      .request('ledger.v1.team.create', { name: '   ' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
  });
});
