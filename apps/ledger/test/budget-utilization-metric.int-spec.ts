import { Events, type UsageEvent } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { watchBudgetUtilization } from '../src/metrics/ledger-metrics';
import { eventually } from './support/eventually';
import { usageEvent } from './support/events';
import { createKey, createTeam, createUser, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

const METRIC = 'conduit_budget_utilization_ratio';

/** The gauge's series as `scope/team -> ratio`, read as a scrape reads them. */
async function utilization(): Promise<Map<string, number>> {
  const metric = metricsRegistry.getSingleMetric(METRIC);
  if (!metric) throw new Error(`${METRIC} is not registered`);
  const { values } = await metric.get();
  for (const { labels } of values) {
    // Scope and team only: never a key or user id.
    expect(Object.keys(labels).sort()).toEqual(['scope', 'team']);
  }
  return new Map(values.map(({ labels, value }) => [`${labels.scope}/${labels.team}`, value]));
}

describe('conduit_budget_utilization_ratio', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger?.close());

  async function book(event: UsageEvent): Promise<void> {
    await ledger.publisher.publishDurable(Events.ledgerUsageRecorded, event, {
      msgId: event.requestId,
    });
  }

  it("reports per team and scope the highest share spent of that team's budgets", async () => {
    // Team budget 1 USD; two keys (0.01 and 0.1 USD) and a user (0.02 USD) with budgets.
    const team = await createTeam(ledger.client, { amount_usd: 1, period: 'monthly' });
    const user = await createUser(ledger.client, team.id, { amount_usd: 0.02, period: 'daily' });
    const small = await createKey(ledger.client, {
      team_id: team.id,
      user_id: user.id,
      budget: { amount_usd: 0.01, period: 'monthly' },
    });
    const large = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.1, period: 'lifetime' },
    });
    // Another team whose only budget is a zero one (a block, not spend): no series.
    const blocked = await createTeam(ledger.client, { amount_usd: 0, period: 'monthly' });

    // Nothing spent yet: every budget of the team at 0.
    expect(await utilization()).toEqual(
      new Map([
        [`team/${team.id}`, 0],
        [`user/${team.id}`, 0],
        [`key/${team.id}`, 0],
      ]),
    );

    await book({ ...usageEvent(uniqueName('req'), small.id, team.id, 5_000), userId: user.id });
    await book(usageEvent(uniqueName('req'), large.id, team.id, 40_000));
    await eventually(async () => {
      const ratios = await utilization();
      // key: max(5_000 / 10_000, 40_000 / 100_000) = 0.5
      expect(ratios.get(`key/${team.id}`)).toBeCloseTo(0.5, 9);
      // user: 5_000 / 20_000
      expect(ratios.get(`user/${team.id}`)).toBeCloseTo(0.25, 9);
      // team: 45_000 / 1_000_000
      expect(ratios.get(`team/${team.id}`)).toBeCloseTo(0.045, 9);
      expect([...ratios.keys()].some((series) => series.endsWith(blocked.id))).toBe(false);
    });

    // Over budget (a request's real cost may pass its hold): above 1, not capped.
    await book({ ...usageEvent(uniqueName('req'), small.id, team.id, 7_000), userId: user.id });
    await eventually(async () => {
      expect((await utilization()).get(`key/${team.id}`)).toBeCloseTo(1.2, 9);
    });

    // A window that has rolled over counts as nothing spent, as budget checks see it.
    await ledger.schema.sql(
      `UPDATE budgets SET period_start = period_start - interval '40 days'
        WHERE owner_id = '${small.id}' OR owner_id = '${user.id}'`,
    );
    const ratios = await utilization();
    expect(ratios.get(`key/${team.id}`)).toBeCloseTo(0.4, 9); // the lifetime key's 40_000
    expect(ratios.get(`user/${team.id}`)).toBe(0);
  });

  it('drops a deleted budget’s series at the next scrape', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 1, period: 'monthly' });
    expect((await utilization()).has(`team/${team.id}`)).toBe(true);
    await ledger.schema.sql(`DELETE FROM budgets WHERE team_id = '${team.id}'`);
    expect((await utilization()).has(`team/${team.id}`)).toBe(false);
  });

  it('answers a scrape within its timeout when the database does not answer', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 1, period: 'monthly' });
    const unwatch = watchBudgetUtilization(() => new Promise(() => undefined));
    try {
      const startedAt = Date.now();
      const ratios = await utilization();
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      // The ledger's own source still answered.
      expect(ratios.get(`team/${team.id}`)).toBe(0);
    } finally {
      unwatch();
    }
  });

  it('reports nothing while the ledger is stopped (no database source)', async () => {
    await ledger.stop();
    try {
      expect((await utilization()).size).toBe(0);
    } finally {
      await ledger.start();
    }
    expect((await utilization()).size).toBeGreaterThan(0);
  });
});

describe('conduit_budget_utilization_ratio on the embedded PGlite', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({}, { database: 'pglite' });
  });
  afterAll(() => ledger?.close());

  it('reads the same query', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 0.01, period: 'daily' });
    await ledger.publisher.publishDurable(
      Events.ledgerUsageRecorded,
      usageEvent('pglite-req', null, team.id, 2_500),
      { msgId: 'pglite-req' },
    );
    await eventually(async () => {
      expect((await utilization()).get(`team/${team.id}`)).toBeCloseTo(0.25, 9);
    });
  });
});
