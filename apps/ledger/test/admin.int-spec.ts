import {
  AuthenticationError,
  Events,
  NotFoundError,
  ValidationError,
  type KeyInvalidatedEvent,
} from '@conduit/contracts';
import { createKey, createTeam, createUser, newSecret, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';
import { eventually } from './support/eventually';

const MISSING_TEAM = `team_${'0'.repeat(32)}`;
const MISSING_USER = `user_${'0'.repeat(32)}`;
const MISSING_KEY = `key_${'0'.repeat(32)}`;

describe('ledger admin: teams, users, keys, budgets', () => {
  let ledger: TestLedger;
  const invalidations: KeyInvalidatedEvent[] = [];

  beforeAll(async () => {
    ledger = await startTestLedger({ LEDGER_DEFAULT_RETENTION_DAYS: '14' });
    ledger.client.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
      invalidations.push(event);
    });
  });
  afterAll(() => ledger?.close());

  /** Row counts of every admin table, to prove a refused request wrote nothing. */
  async function counts() {
    const [row] = await ledger.schema.sql(`SELECT
      (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM api_keys)::int AS keys, (SELECT count(*) FROM budgets)::int AS budgets`);
    return row;
  }

  async function expectRefusedWithoutWrites(
    request: Promise<unknown>,
    expected: Partial<{ type: string; code: string | null; param: string | null }>,
  ) {
    const before = await counts();
    const error = await request.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject(expected);
    expect(await counts()).toEqual(before);
  }

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
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.team.create', {
          name: team.name,
          budget: { amount_usd: 1, period: 'daily' },
        }),
        { type: 'validation_error', code: 'duplicate_name', param: 'name' },
      );
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.team.create', {
          name: uniqueName('neg'),
          budget: { amount_usd: -1, period: 'daily' },
        }),
        { type: 'validation_error', param: 'budget.amount_usd' },
      );
      await expectRefusedWithoutWrites(
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
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.user.create', {
          name: uniqueName('u'),
          team_id: MISSING_TEAM,
          budget: { amount_usd: 1, period: 'daily' },
        }),
        { type: 'validation_error', code: 'unknown_team', param: 'team_id' },
      );
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.user.create', { name: 'x', team_id: 'team_123' }),
        { type: 'validation_error', param: 'team_id' },
      );
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.user.create', {
          name: user.name,
          team_id: team.id,
          budget: { amount_usd: 1, period: 'daily' },
        }),
        { type: 'validation_error', code: 'duplicate_name', param: 'name' },
      );
    });
  });

  describe('keys', () => {
    it('creates a key with its budget and limits, lists it, and never returns its hash', async () => {
      const team = await createTeam(ledger.client);
      const user = await createUser(ledger.client, team.id);
      const { secretHash, prefix } = newSecret();
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const key = await ledger.client.request('ledger.v1.key.create', {
        key: {
          name: 'ci',
          team_id: team.id,
          user_id: user.id,
          models: ['local/echo'],
          rpm: 60,
          tpm: 10_000,
          expires_at: expiresAt,
          budget: { amount_usd: 5, period: 'lifetime' },
        },
        secretHash,
        prefix,
      });
      expect(key.id).toMatch(/^key_[0-9a-f]{32}$/);
      expect(key).toMatchObject({
        object: 'api_key',
        name: 'ci',
        prefix,
        team_id: team.id,
        user_id: user.id,
        models: ['local/echo'],
        rpm: 60,
        tpm: 10_000,
        expires_at: expiresAt,
        revoked_at: null,
        budget: { period: 'lifetime', amount_usd: '5.000000', period_start: null },
      });
      expect(JSON.stringify(key)).not.toContain(secretHash);

      const { data } = await ledger.client.request('ledger.v1.key.list', { team_id: team.id });
      expect(data).toEqual([key]);
    });

    it('tells "every model" (null) from "no model" ([])', async () => {
      const team = await createTeam(ledger.client);
      const all = await createKey(ledger.client, { team_id: team.id });
      const none = await ledger.client.request('ledger.v1.key.create', {
        key: { name: uniqueName('none'), team_id: team.id, models: [] },
        ...newSecret(),
      });
      expect(all.models).toBeNull();
      expect(none.models).toEqual([]);
      expect(
        await ledger.client.request('ledger.v1.key.verify', { secretHash: all.secretHash }),
      ).toMatchObject({ models: null });
    });

    it('refuses bad keys and writes neither the key nor its budget', async () => {
      const team = await createTeam(ledger.client);
      const otherTeam = await createTeam(ledger.client);
      const stranger = await createUser(ledger.client, otherTeam.id);
      const taken = await createKey(ledger.client, { team_id: team.id });
      const budget = { amount_usd: 1, period: 'daily' as const };
      const create = (key: Record<string, unknown>, secret = newSecret()) =>
        ledger.client.request('ledger.v1.key.create', {
          key: { name: uniqueName('k'), team_id: team.id, budget, ...key },
          secretHash: secret.secretHash,
          prefix: secret.prefix,
        });

      await expectRefusedWithoutWrites(create({ name: taken.name }), {
        code: 'duplicate_name',
        param: 'name',
      });
      await expectRefusedWithoutWrites(create({ team_id: MISSING_TEAM }), {
        code: 'unknown_team',
        param: 'team_id',
      });
      await expectRefusedWithoutWrites(create({ user_id: MISSING_USER }), {
        code: 'unknown_user',
        param: 'user_id',
      });
      await expectRefusedWithoutWrites(create({ user_id: stranger.id }), {
        type: 'validation_error',
        code: 'user_not_in_team',
        param: 'user_id',
      });
      // Malformed ids fail the contract itself (the NATS payload nests the body under `key`).
      await expectRefusedWithoutWrites(create({ user_id: 'user_XYZ' }), {
        type: 'validation_error',
        param: 'key.user_id',
      });
      await expectRefusedWithoutWrites(create({ budget: { amount_usd: -5, period: 'daily' } }), {
        type: 'validation_error',
        param: 'key.budget.amount_usd',
      });
      await expectRefusedWithoutWrites(
        create({}, { ...newSecret(), secretHash: taken.secretHash }),
        { code: 'duplicate_key' },
      );
    });

    it('verifies by secret hash: active, unknown, revoked and expired keys', async () => {
      const team = await createTeam(ledger.client);
      const key = await createKey(ledger.client, { team_id: team.id });
      const verify = (secretHash: string) =>
        ledger.client.request('ledger.v1.key.verify', { secretHash });

      expect(await verify(key.secretHash)).toEqual({
        keyId: key.id,
        name: key.name,
        teamId: team.id,
        userId: null,
        models: null,
        rpm: null,
        tpm: null,
        expiresAt: null,
        budgeted: false,
        requestLogRetentionDays: 14,
      });
      const unknown = await verify(newSecret().secretHash).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(AuthenticationError);
      expect(unknown).toMatchObject({ code: 'invalid_api_key' });

      const expired = await createKey(ledger.client, { team_id: team.id });
      await ledger.schema.sql(
        `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.id],
      );
      await expect(verify(expired.secretHash)).rejects.toMatchObject({ code: 'key_expired' });

      await ledger.client.request('ledger.v1.key.revoke', { id: key.id });
      await expect(verify(key.secretHash)).rejects.toMatchObject({
        type: 'authentication_error',
        code: 'key_revoked',
      });
    });

    it('revokes idempotently, hides revoked keys unless asked, and tells the gateways', async () => {
      const team = await createTeam(ledger.client);
      const key = await createKey(ledger.client, { team_id: team.id });
      const first = await ledger.client.request('ledger.v1.key.revoke', { id: key.id });
      const second = await ledger.client.request('ledger.v1.key.revoke', { id: key.id });
      expect(first.revoked_at).not.toBeNull();
      expect(second).toEqual(first);
      await eventually(() => expect(invalidations).toContainEqual({ keyIds: [key.id] }));

      const listed = (include_revoked?: boolean) =>
        ledger.client
          .request('ledger.v1.key.list', { team_id: team.id, include_revoked })
          .then(({ data }) => data.map((k) => k.id));
      expect(await listed()).toEqual([]);
      expect(await listed(true)).toEqual([key.id]);

      const missing = await ledger.client
        .request('ledger.v1.key.revoke', { id: MISSING_KEY })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
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
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.budget.set', { scope: 'key', owner_id: 'team_1', budget }),
        { type: 'validation_error', code: 'invalid_id', param: 'owner_id' },
      );
      await expectRefusedWithoutWrites(
        ledger.client.request('ledger.v1.budget.set', {
          scope: 'key',
          owner_id: MISSING_KEY,
          budget,
        }),
        { type: 'validation_error', code: 'unknown_key', param: 'owner_id' },
      );
      await expectRefusedWithoutWrites(
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
