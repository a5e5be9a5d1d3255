import type { AuditListRequest, AuditRecordRequest } from '@conduit/contracts';
import { randomBytes } from 'node:crypto';
import { AuditRetention } from '../src/audit/audit-retention.service';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

const DAY = 86_400_000;
const hex = () => randomBytes(16).toString('hex');

function entry(overrides: Partial<AuditRecordRequest> = {}): AuditRecordRequest {
  return {
    request_id: `req_${hex()}`,
    occurred_at: new Date().toISOString(),
    actor: 'admin',
    actor_type: 'admin',
    action: 'team.create',
    route: 'POST /v1/admin/teams',
    target: { team_id: `team_${hex()}`, user_id: null, key_id: null },
    summary: { name: 'acme' },
    outcome: 'succeeded',
    status: 201,
    error_type: null,
    error_code: null,
    ...overrides,
  };
}

describe('ledger audit log (Postgres, NATS)', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({
      LEDGER_AUDIT_RETENTION_DAYS: '30',
      LEDGER_RETENTION_BATCH_SIZE: '2',
    });
  });
  afterAll(() => ledger?.close());

  const record = (one: AuditRecordRequest) => ledger.client.request('ledger.v1.audit.record', one);
  const list = (request: AuditListRequest = {}) =>
    ledger.client.request('ledger.v1.audit.list', request);

  it('records an entry once per request id, and lists it as the API shows it', async () => {
    const one = entry({ summary: { name: 'acme\u0000', period: 'monthly' } });
    const first = await record(one);
    expect(first.id).toMatch(/^aud_[0-9a-f]{32}$/);
    expect(first.duplicate).toBe(false);
    // A retry of the same record (the gateway retries after a timeout) is stored once.
    expect(await record({ ...one, status: 500 })).toEqual({ id: first.id, duplicate: true });
    const rows = await ledger.schema.sql(
      `SELECT count(*)::int AS n FROM audit_events
      WHERE request_id = $1`,
      [one.request_id],
    );
    expect(rows[0].n).toBe(1);

    const page = await list({ team_id: one.target.team_id! });
    expect(Date.parse(page.data[0]?.recorded_at)).toBeGreaterThan(0);
    expect(page).toEqual({
      object: 'list',
      next_cursor: null,
      data: [
        {
          ...one,
          id: first.id,
          object: 'audit_event',
          summary: { name: 'acme\uFFFD', period: 'monthly' },
          recorded_at: page.data[0]?.recorded_at,
          occurred_at: new Date(one.occurred_at).toISOString(),
        },
      ],
    });
  });

  it('is append-only: UPDATE and TRUNCATE are refused by the database itself', async () => {
    const one = entry();
    await record(one);
    await expect(
      ledger.schema.sql(`UPDATE audit_events SET actor = 'someone' WHERE request_id = $1`, [
        one.request_id,
      ]),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(ledger.schema.sql(`TRUNCATE audit_events`)).rejects.toThrow(
      /append-only \(TRUNCATE refused\)/,
    );
    const [row] = await ledger.schema.sql(`SELECT actor FROM audit_events WHERE request_id = $1`, [
      one.request_id,
    ]);
    expect(row.actor).toBe('admin');
  });

  it('filters by time, actor, action family, outcome and target, and pages both ways', async () => {
    const team = `team_${hex()}`;
    const key = `key_${hex()}`;
    const base = Date.parse('2026-03-10T12:00:00Z');
    const made = [
      entry({
        occurred_at: new Date(base).toISOString(),
        target: { team_id: team, user_id: null, key_id: null },
      }),
      entry({
        occurred_at: new Date(base + DAY).toISOString(),
        action: 'budget.set',
        route: 'PUT /v1/admin/teams/:id/budget',
        target: { team_id: team, user_id: null, key_id: null },
      }),
      entry({
        occurred_at: new Date(base + 2 * DAY).toISOString(),
        action: 'budget.remove',
        route: 'DELETE /v1/admin/keys/:id/budget',
        target: { team_id: team, user_id: null, key_id: key },
        outcome: 'failed',
        status: 404,
        error_type: 'not_found',
        error_code: 'key_not_found',
      }),
      entry({
        occurred_at: new Date(base + 3 * DAY).toISOString(),
        actor: key,
        actor_type: 'key',
        action: 'key.revoke',
        route: 'DELETE /v1/admin/keys/:id',
        target: { team_id: team, user_id: null, key_id: key },
        outcome: 'failed',
        status: 403,
        error_type: 'permission_denied',
        error_code: 'admin_key_required',
      }),
    ];
    for (const one of made) await record(one);
    const ids = async (request: Record<string, unknown>) =>
      (await list({ team_id: team, ...request })).data.map((event) => event.request_id);
    const r = made.map((one) => one.request_id);

    expect(await ids({})).toEqual([r[3], r[2], r[1], r[0]]);
    expect(await ids({ order: 'asc' })).toEqual(r);
    expect(await ids({ action: 'budget' })).toEqual([r[2], r[1]]);
    expect(await ids({ action: 'budget.set' })).toEqual([r[1]]);
    expect(await ids({ action: 'budge' })).toEqual([]);
    expect(await ids({ actor: key })).toEqual([r[3]]);
    expect(await ids({ outcome: 'failed' })).toEqual([r[3], r[2]]);
    expect(await ids({ key_id: key })).toEqual([r[3], r[2]]);
    expect(await ids({ from: '2026-03-11', to: '2026-03-13' })).toEqual([r[2], r[1]]);
    expect(await ids({ from: new Date(base + 3 * DAY).toISOString() })).toEqual([r[3]]);

    // Pages of two, newest first, then oldest first; a cursor of one order is refused in the other.
    const first = await list({ team_id: team, limit: 2 });
    expect(first.data.map((event) => event.request_id)).toEqual([r[3], r[2]]);
    const second = await list({ team_id: team, limit: 2, cursor: first.next_cursor });
    expect(second.data.map((event) => event.request_id)).toEqual([r[1], r[0]]);
    expect(second.next_cursor).toBeNull();
    await expect(
      list({ team_id: team, limit: 2, order: 'asc', cursor: first.next_cursor }),
    ).rejects.toMatchObject({ type: 'validation_error', code: 'invalid_cursor' });
    await expect(list({ from: '2026-03-12', to: '2026-03-11' })).rejects.toMatchObject({
      type: 'validation_error',
    });
  });

  it('refuses a record that breaks the contract (a summary over 8 KiB, a bad action)', async () => {
    await expect(record(entry({ summary: { blob: 'x'.repeat(9000) } }))).rejects.toMatchObject({
      type: 'validation_error',
    });
    await expect(record(entry({ action: 'Team Create' }))).rejects.toMatchObject({
      type: 'validation_error',
    });
  });

  it('retention deletes entries older than LEDGER_AUDIT_RETENTION_DAYS, in batches, once', async () => {
    const team = `team_${hex()}`;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
    const target = { team_id: team, user_id: null, key_id: null };
    const old = [400, 31, 30.01, 45, 90].map((days) => entry({ occurred_at: at(days), target }));
    const kept = [29.9, 1, 0].map((days) => entry({ occurred_at: at(days), target }));
    for (const one of [...old, ...kept]) await record(one);

    // Earlier tests' entries of last March are past retention too.
    const [due] = await ledger.schema.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE occurred_at < now() - interval '30 days'`,
    );
    expect(due.n).toBeGreaterThanOrEqual(old.length);

    // Two replicas' jobs at once, in batches of 2: every old entry goes, each once.
    const retention = ledger.get(AuditRetention);
    const [a, b] = await Promise.all([retention.deleteExpired(), retention.deleteExpired()]);
    expect(a + b).toBe(due.n);
    const left = await list({ team_id: team, order: 'asc' });
    expect(left.data.map((event) => event.request_id)).toEqual(kept.map((one) => one.request_id));
    expect(await retention.deleteExpired()).toBe(0);
  });
});
