import { Events, type UsageEvent } from '@conduit/contracts';
import { LedgerDatabase } from '../src/database/ledger-database';
import { RequestLogRetention } from '../src/request-logs/request-log-retention.service';
import { UsageRecordingRepository } from '../src/usage/usage-recording.repository';
import { eventually } from './support/eventually';
import { requestLogEvent, usageEvent } from './support/events';
import { createKey, createTeam, createUser, uniqueName } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

describe('ledger event consumer (JetStream → Postgres)', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ LEDGER_RETENTION_BATCH_SIZE: '2' });
  });
  afterAll(() => ledger?.close());

  const publishUsage = (event: UsageEvent, msgId = event.requestId) =>
    ledger.publisher.publishDurable(Events.ledgerUsageRecorded, event, { msgId });

  async function usageRows(requestIds: string[]) {
    return ledger.schema.sql<{ request_id: string; cost: string }>(
      `SELECT request_id, cost FROM usage_events WHERE request_id = ANY($1) ORDER BY request_id`,
      [requestIds],
    );
  }

  async function reservation(requestId: string) {
    const [row] = await ledger.schema.sql<{ status: string }>(
      `SELECT status::text FROM reservations WHERE request_id = $1`,
      [requestId],
    );
    return row?.status;
  }

  async function budgetOf(keyId: string) {
    const { data } = await ledger.client.request('ledger.v1.key.list', {});
    return data.find((key) => key.id === keyId)!.budget!;
  }

  it('settles the reservation, charges every budget once, even when redelivered', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 10, period: 'monthly' });
    const user = await createUser(ledger.client, team.id, { amount_usd: 10, period: 'daily' });
    const key = await createKey(ledger.client, {
      team_id: team.id,
      user_id: user.id,
      budget: { amount_usd: 10, period: 'lifetime' },
    });
    const requestId = uniqueName('req');
    await ledger.client.request('ledger.v1.budget.reserve', {
      requestId,
      keyId: key.id,
      amountMicroUsd: 90_000,
    });
    const event = usageEvent(requestId, key.id, team.id, 25_000, { userId: user.id });

    await publishUsage(event);
    // A publisher that lost its ack retries with another message id: JetStream keeps both.
    await publishUsage(event, `${requestId}-retry`);
    await publishUsage(event, `${requestId}-retry-2`);

    await eventually(async () => expect(await reservation(requestId)).toBe('settled'));
    // Give the copies time to be consumed (they would add to spent if they were counted).
    await eventually(async () => {
      const [{ pending }] = await ledger.schema.sql<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM usage_events WHERE request_id = $1`,
        [requestId],
      );
      expect(pending).toBe(1);
    });
    await drained();
    expect(await usageRows([requestId])).toEqual([{ request_id: requestId, cost: '25000' }]);
    const budgets = await ledger.schema.sql<{ scope: string; spent: string; reserved: string }>(
      `SELECT scope::text, spent, reserved FROM budgets WHERE team_id = $1 ORDER BY scope`,
      [team.id],
    );
    expect(budgets).toEqual([
      { scope: 'key', spent: '25000', reserved: '0' },
      { scope: 'team', spent: '25000', reserved: '0' },
      { scope: 'user', spent: '25000', reserved: '0' },
    ]);
    const [rollup] = await ledger.schema.sql(
      `SELECT requests::int, errors::int, input_tokens::int, output_tokens::int, cost::int
       FROM usage_daily WHERE key_id = $1`,
      [key.id],
    );
    expect(rollup).toEqual({
      requests: 1,
      errors: 0,
      input_tokens: 10,
      output_tokens: 20,
      cost: 25_000,
    });
  });

  it('releases the hold of a failed request that cost nothing', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 1, period: 'daily' },
    });
    const requestId = uniqueName('req');
    await ledger.client.request('ledger.v1.budget.reserve', {
      requestId,
      keyId: key.id,
      amountMicroUsd: 500_000,
    });
    await publishUsage(
      usageEvent(requestId, key.id, team.id, 0, {
        status: 'error',
        errorType: 'provider_error',
        inputTokens: 0,
        outputTokens: 0,
      }),
    );
    await eventually(async () => expect(await reservation(requestId)).toBe('released'));
    expect(await budgetOf(key.id)).toMatchObject({ spent_micro_usd: 0, reserved_micro_usd: 0 });
  });

  it('counts every event exactly once across a consumer outage and two replicas', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, {
      team_id: team.id,
      budget: { amount_usd: 1000, period: 'monthly' },
    });
    const events = Array.from({ length: 120 }, (_, i) =>
      usageEvent(uniqueName(`outage-${i}`), key.id, team.id, 1_000 + i),
    );

    await ledger.stop();
    for (const event of events.slice(0, 80)) await publishUsage(event);
    await ledger.start();
    await ledger.startReplica();
    // While both replicas drain the backlog: the rest, plus duplicates of some early events.
    await Promise.all([
      ...events.slice(80).map((event) => publishUsage(event)),
      ...events.slice(0, 20).map((event) => publishUsage(event, `${event.requestId}-again`)),
    ]);

    const ids = events.map((event) => event.requestId);
    await eventually(async () => expect(await usageRows(ids)).toHaveLength(events.length));
    await drained();
    expect(await usageRows(ids)).toHaveLength(events.length);
    const charged = events.reduce((sum, event) => sum + event.costMicroUsd, 0);
    expect(await budgetOf(key.id)).toMatchObject({ spent_micro_usd: charged });
    const [rollup] = await ledger.schema.sql<{ requests: number; cost: number }>(
      `SELECT sum(requests)::int AS requests, sum(cost)::int AS cost FROM usage_daily WHERE key_id = $1`,
      [key.id],
    );
    expect(rollup).toEqual({ requests: events.length, cost: charged });
  });

  it('books a burst in batches exactly: every hold closed, every budget charged the sum', async () => {
    const team = await createTeam(ledger.client, { amount_usd: 1000, period: 'monthly' });
    const user = await createUser(ledger.client, team.id, { amount_usd: 1000, period: 'daily' });
    const keys = await Promise.all(
      [user.id, undefined].map((userId) =>
        createKey(ledger.client, {
          team_id: team.id,
          ...(userId ? { user_id: userId } : {}),
          budget: { amount_usd: 100, period: 'lifetime' },
        }),
      ),
    );
    // 150 requests over both keys, every tenth a failure that cost nothing (its hold released).
    const events = Array.from({ length: 150 }, (_, i) => {
      const key = keys[i % 2];
      const failed = i % 10 === 9;
      return usageEvent(uniqueName(`burst-${i}`), key.id, team.id, failed ? 0 : 1_000 + i, {
        userId: i % 2 === 0 ? user.id : null,
        ...(failed ? { status: 'error' as const, errorType: 'provider_error' as const } : {}),
      });
    });
    for (const event of events) {
      await ledger.client.request('ledger.v1.budget.reserve', {
        requestId: event.requestId,
        keyId: event.keyId!,
        amountMicroUsd: 50_000,
      });
    }
    await Promise.all(events.map((event) => publishUsage(event)));

    const ids = events.map((event) => event.requestId);
    await eventually(async () => expect(await usageRows(ids)).toHaveLength(events.length));
    await drained();
    const statuses = await ledger.schema.sql<{ status: string; count: number }>(
      `SELECT status::text, count(*)::int AS count FROM reservations
       WHERE request_id = ANY($1) GROUP BY status ORDER BY status`,
      [ids],
    );
    expect(statuses).toEqual([
      { status: 'released', count: 15 },
      { status: 'settled', count: 135 },
    ]);
    const costOf = (filter: (event: UsageEvent) => boolean) =>
      events.filter(filter).reduce((sum, event) => sum + event.costMicroUsd, 0);
    const budgets = await ledger.schema.sql<{
      scope: string;
      owner_id: string;
      spent: string;
      reserved: string;
    }>(`SELECT scope::text, owner_id, spent, reserved FROM budgets WHERE team_id = $1`, [team.id]);
    const spent = (ownerId: string) => budgets.find((budget) => budget.owner_id === ownerId);
    expect(spent(team.id)).toMatchObject({ spent: String(costOf(() => true)), reserved: '0' });
    expect(spent(user.id)).toMatchObject({
      spent: String(costOf((event) => event.userId === user.id)),
      reserved: '0',
    });
    for (const key of keys) {
      expect(spent(key.id)).toMatchObject({
        spent: String(costOf((event) => event.keyId === key.id)),
        reserved: '0',
      });
    }
    const rollups = await ledger.schema.sql<{ requests: number; errors: number; cost: number }>(
      `SELECT sum(requests)::int AS requests, sum(errors)::int AS errors, sum(cost)::int AS cost
       FROM usage_daily WHERE team_id = $1`,
      [team.id],
    );
    expect(rollups).toEqual([{ requests: 150, errors: 15, cost: costOf(() => true) }]);
  });

  it('books a batch in one statement and reports which events were new', async () => {
    const team = await createTeam(ledger.client);
    const repository = ledger.get(UsageRecordingRepository);
    const database = ledger.get(LedgerDatabase);
    const first = [1, 2, 3].map((i) => usageEvent(uniqueName(`batch-${i}`), null, team.id, i));
    expect(await repository.recordBatch(database, first)).toEqual([true, true, true]);
    const again = [first[1], usageEvent(uniqueName('batch-4'), null, team.id, 4), first[0]];
    expect(await repository.recordBatch(database, again)).toEqual([false, true, false]);
    expect(await usageRows([...first, again[1]].map((event) => event.requestId))).toHaveLength(4);
  });

  it('stores the request log a usage event carries, with the usage, once', async () => {
    const team = await createTeam(ledger.client);
    const requestId = uniqueName('carried-log');
    const event = usageEvent(requestId, null, team.id, 7, {
      requestLog: {
        retentionDays: 3,
        model: 'local/echo',
        request: '{"messages":[]}',
        response: 'hi',
      },
    });
    await publishUsage(event);
    await publishUsage(event, `${requestId}-again`);
    await eventually(async () => expect(await usageRows([requestId])).toHaveLength(1));
    await drained();
    const logs = await ledger.schema.sql<{ response: string; expires_at: Date }>(
      `SELECT response, expires_at FROM request_logs WHERE request_id = $1`,
      [requestId],
    );
    expect(logs).toEqual([
      { response: 'hi', expires_at: new Date(Date.parse(event.occurredAt) + 3 * 86_400_000) },
    ]);
  });

  it('stores request logs once, expiring by retention, and the retention job deletes only expired ones', async () => {
    const day = 86_400_000;
    const old = new Date(Date.now() - 3 * day).toISOString();
    const logs = [
      requestLogEvent(uniqueName('log-expired'), { retentionDays: 1, occurredAt: old }),
      requestLogEvent(uniqueName('log-expired'), { retentionDays: 2, occurredAt: old }),
      requestLogEvent(uniqueName('log-expired'), { retentionDays: 1, occurredAt: old }),
      requestLogEvent(uniqueName('log-kept'), { retentionDays: 5, occurredAt: old }),
      requestLogEvent(uniqueName('log-kept'), { retentionDays: 1 }),
    ];
    for (const log of logs) {
      await ledger.publisher.publishDurable(Events.ledgerRequestLogged, log, {
        msgId: log.requestId,
      });
    }
    await ledger.publisher.publishDurable(Events.ledgerRequestLogged, logs[4], {
      msgId: `${logs[4].requestId}-again`,
    });
    const ids = logs.map((log) => log.requestId);
    const stored = () =>
      ledger.schema.sql<{ request_id: string; expires_at: Date }>(
        `SELECT request_id, expires_at FROM request_logs WHERE request_id = ANY($1)`,
        [ids],
      );
    await eventually(async () => expect(await stored()).toHaveLength(5));
    const expiry = new Map((await stored()).map((row) => [row.request_id, row.expires_at]));
    expect(expiry.get(logs[3].requestId)).toEqual(new Date(Date.parse(old) + 5 * day));

    // Two replicas' jobs at once, in batches of 2: the three expired rows go, once.
    const retention = ledger.get(RequestLogRetention);
    const [a, b] = await Promise.all([retention.deleteExpired(), retention.deleteExpired()]);
    expect(a + b).toBe(3);
    expect((await stored()).map((row) => row.request_id).sort()).toEqual(
      [logs[3].requestId, logs[4].requestId].sort(),
    );
  });

  /** Waits until the durable consumer has nothing left unacknowledged or undelivered. */
  async function drained(): Promise<void> {
    await eventually(async () =>
      expect(await ledger.consumerBacklog()).toEqual({ pending: 0, unacked: 0 }),
    );
  }
});
