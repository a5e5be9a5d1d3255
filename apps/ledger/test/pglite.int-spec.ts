import { Events } from '@conduit/contracts';
import { LedgerDatabase } from '../src/database/ledger-database';
import { eventually } from './support/eventually';
import { usageEvent } from './support/events';
import { createKey, createTeam } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

/**
 * No DATABASE_URL: the embedded PGlite under LEDGER_DATA_DIR, migrated at boot like Postgres.
 * (PGlite imports Node built-ins dynamically, hence `--experimental-vm-modules` for jest.)
 */
describe('ledger on embedded PGlite', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({}, { database: 'pglite' });
  });
  afterAll(() => ledger?.close());

  it('keeps accounts and budgets, consumes usage, and persists across a restart', async () => {
    expect(ledger.config.DATABASE_URL).toBeUndefined();
    expect(ledger.get(LedgerDatabase).kind).toBe('pglite');
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.02, period: 'daily' },
    });
    const reserve = (requestId: string) =>
      ledger.client.request('ledger.v1.budget.reserve', {
        requestId,
        keyId: key.id,
        amountMicroUsd: 15_000,
      });
    await reserve('pglite-1');
    await expect(reserve('pglite-2')).rejects.toMatchObject({ code: 'budget_exceeded' });

    await ledger.publisher.publishDurable(
      Events.ledgerUsageRecorded,
      usageEvent('pglite-1', key.id, team.id, 4_000),
      { msgId: 'pglite-1' },
    );
    await eventually(async () => {
      const { totals } = await ledger.client.request('ledger.v1.usage.query', { key_id: key.id });
      expect(totals.cost_micro_usd).toBe(4_000);
    });

    // Same data directory: the second boot finds the migrations applied and the rows there.
    await ledger.stop();
    await ledger.start();
    const { data } = await ledger.client.request('ledger.v1.key.list', { team_id: team.id });
    expect(data[0].budget).toMatchObject({ spent_micro_usd: 4_000, reserved_micro_usd: 0 });
  });
});
