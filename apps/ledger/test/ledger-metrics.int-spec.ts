import { BudgetExceededError, Events, LedgerStream } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { ReservationSweeper } from '../src/budgets/reservation-sweeper.service';
import { watchBacklog } from '../src/metrics/ledger-metrics';
import { eventually } from './support/eventually';
import { usageEvent } from './support/events';
import { createKey, createTeam, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

/** A metric's series as `{labels} -> value`, e.g. `outcome=booked` or `` (no labels). */
async function series(name: string): Promise<Map<string, number>> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  return new Map(
    values.map((value) => [
      Object.entries(value.labels)
        .filter(([label]) => label !== 'service')
        .map(([label, v]) => `${label}=${String(v)}`)
        .join(','),
      value.value,
    ]),
  );
}

async function valueOf(name: string, labels = ''): Promise<number> {
  return (await series(name)).get(labels) ?? 0;
}

describe('ledger metrics', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger?.close());

  it('counts booked and duplicate usage events, their write batches and the lag since they occurred', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id });
    const before = {
      booked: await valueOf('conduit_ledger_usage_events_total', 'outcome=booked'),
      duplicate: await valueOf('conduit_ledger_usage_events_total', 'outcome=duplicate'),
      lagCount: await valueOf('conduit_ledger_usage_lag_seconds', 'le=+Inf'),
      lagUnder1s: await valueOf('conduit_ledger_usage_lag_seconds', 'le=1'),
      batches: await valueOf('conduit_ledger_write_batch_events', 'le=+Inf'),
    };
    const occurredAt = new Date(Date.now() - 5_000).toISOString();
    const events = [1, 2, 3].map(() =>
      usageEvent(uniqueName('req'), key.id, team.id, 100, { occurredAt }),
    );
    for (const event of events) {
      await ledger.publisher.publishDurable(Events.ledgerUsageRecorded, event, {
        msgId: event.requestId,
      });
    }
    // The same event again under another message id: consumed, booked already.
    await ledger.publisher.publishDurable(Events.ledgerUsageRecorded, events[0], {
      msgId: `${events[0].requestId}-again`,
    });
    await eventually(async () => {
      expect(await valueOf('conduit_ledger_usage_events_total', 'outcome=booked')).toBe(
        before.booked + 3,
      );
      expect(await valueOf('conduit_ledger_usage_events_total', 'outcome=duplicate')).toBe(
        before.duplicate + 1,
      );
    });
    // Booked about 5 s after they occurred: counted in the lag histogram, none under 1 s.
    expect(await valueOf('conduit_ledger_usage_lag_seconds', 'le=+Inf')).toBe(before.lagCount + 3);
    expect(await valueOf('conduit_ledger_usage_lag_seconds', 'le=1')).toBe(before.lagUnder1s);
    expect(await valueOf('conduit_ledger_write_batch_events', 'le=+Inf')).toBeGreaterThan(
      before.batches,
    );
  });

  it('counts budget refusals by scope and the holds the sweeper finds active', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 0.01, period: 'monthly' },
    });
    const refusedBefore = await valueOf('conduit_budget_refusals_total', 'scope=key');
    const reserve = (amountMicroUsd: number) =>
      ledger.client.request('ledger.v1.budget.reserve', {
        requestId: uniqueName('req'),
        keyId: key.id,
        amountMicroUsd,
      });
    await reserve(6_000);
    await expect(reserve(6_000)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(await valueOf('conduit_budget_refusals_total', 'scope=key')).toBe(refusedBefore + 1);
    // key, user and team exist from boot (at 0), so rate() sees a scope's first refusal.
    expect((await series('conduit_budget_refusals_total')).size).toBe(3);

    await ledger.get(ReservationSweeper).sweep();
    const [{ active }] = await ledger.schema.sql<{ active: number }>(
      `SELECT count(*)::int AS active FROM reservations WHERE status = 'active'`,
    );
    expect(active).toBeGreaterThanOrEqual(1);
    expect(await valueOf('conduit_budget_reservations_active')).toBe(active);
  });

  it('reports the backlog and the age of the oldest unbooked event while nothing consumes', async () => {
    // What a stuck consumer looks like to JetStream: a stopped ledger, read by the publisher's
    // connection (the ledger's own source leaves with it).
    await ledger.stop();
    const unwatch = watchBacklog(() => ledger.publisher.backlog(LedgerStream.consumer));
    try {
      const event = usageEvent(uniqueName('req'), null, null, 0);
      await ledger.publisher.publishDurable(Events.ledgerUsageRecorded, event, {
        msgId: event.requestId,
      });
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(await valueOf('conduit_ledger_events_pending', 'state=waiting')).toBe(1);
      expect(await valueOf('conduit_ledger_oldest_pending_event_age_seconds')).toBeGreaterThan(1);

      await ledger.start();
      await eventually(async () => {
        expect(await valueOf('conduit_ledger_events_pending', 'state=waiting')).toBe(0);
        expect(await valueOf('conduit_ledger_events_pending', 'state=in_flight')).toBe(0);
        expect(await valueOf('conduit_ledger_oldest_pending_event_age_seconds')).toBe(0);
      });
    } finally {
      unwatch();
    }
  });
});
