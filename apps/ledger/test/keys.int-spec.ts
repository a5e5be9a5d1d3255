import {
  AuthenticationError,
  Events,
  NotFoundError,
  type KeyInvalidatedEvent,
} from '@conduit/contracts';
import { createKey, createTeam, createUser, newSecret, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';
import { eventually } from './support/eventually';
import { expectRefusedWithoutWrites } from './support/refused-without-writes';

const MISSING_TEAM = `team_${'0'.repeat(32)}`;
const MISSING_USER = `user_${'0'.repeat(32)}`;
const MISSING_KEY = `key_${'0'.repeat(32)}`;

describe('ledger admin: API keys', () => {
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

    it("stores a key's guardrail policy and hands it to the gateway on verification", async () => {
      const team = await createTeam(ledger.client);
      const guardrails = { pii: 'block' as const, restore: true };
      const secret = newSecret();
      const key = await ledger.client.request('ledger.v1.key.create', {
        key: { name: uniqueName('guarded'), team_id: team.id, guardrails },
        ...secret,
      });
      expect(key.guardrails).toEqual(guardrails);
      expect(
        await ledger.client.request('ledger.v1.key.verify', { secretHash: secret.secretHash }),
      ).toMatchObject({ guardrails });
      const listed = await ledger.client.request('ledger.v1.key.list', { team_id: team.id });
      expect(listed.data.find((k) => k.id === key.id)?.guardrails).toEqual(guardrails);
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

      await refusedWithoutWrites(() => create({ name: taken.name }), {
        code: 'duplicate_name',
        param: 'name',
      });
      await refusedWithoutWrites(() => create({ team_id: MISSING_TEAM }), {
        code: 'unknown_team',
        param: 'team_id',
      });
      await refusedWithoutWrites(() => create({ user_id: MISSING_USER }), {
        code: 'unknown_user',
        param: 'user_id',
      });
      await refusedWithoutWrites(() => create({ user_id: stranger.id }), {
        type: 'validation_error',
        code: 'user_not_in_team',
        param: 'user_id',
      });
      // Malformed ids fail the contract itself (the NATS payload nests the body under `key`).
      await refusedWithoutWrites(() => create({ user_id: 'user_XYZ' }), {
        type: 'validation_error',
        param: 'key.user_id',
      });
      await refusedWithoutWrites(() => create({ budget: { amount_usd: -5, period: 'daily' } }), {
        type: 'validation_error',
        param: 'key.budget.amount_usd',
      });
      await refusedWithoutWrites(() => create({ guardrails: { pii: 'shout' } }), {
        type: 'validation_error',
        param: 'key.guardrails.pii',
      });
      await refusedWithoutWrites(
        () => create({}, { ...newSecret(), secretHash: taken.secretHash }),
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
        guardrails: null,
        cache: null,
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
});
