import { loadConfig } from '@conduit/config';
import type { AuditEvent, AuditList } from '@conduit/contracts';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { createHash } from 'node:crypto';
import { createGatewayApp } from '../src/app.factory';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import { ROUTES } from '../src/openapi/routes';
import { apiClient, uniqueName, type ApiClient, type ApiResponse } from './support/api';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

/*
 * The admin audit log against the whole system (real Postgres, NATS, Redis): a walk over every
 * mutating admin route a booted gateway registers — the test fails when one is not exercised
 * here — checking each request leaves exactly one entry with its actor, action, target ids,
 * request id and outcome; failed actions (invalid input, an unknown owner, a virtual key's 403)
 * recorded as failed; no secret in any entry; the filters, pages and the CSV export; entries
 * made while the ledger is down are stored once it is back (last: it stops the ledger).
 */

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Expected {
  action: string;
  actor?: string;
  actor_type?: 'admin' | 'key';
  target: Partial<AuditEvent['target']>;
  outcome: 'succeeded' | 'failed';
  status: number;
  error_type?: string | null;
  error_code?: string;
  summary?: Record<string, unknown>;
}

/** `/v1/admin/keys/:id` → `/v1/admin/keys/{id}`, the route table's spelling. */
const documented = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('admin audit log (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  /** Every mutating admin route a booted gateway registers, as `METHOD /path/{param}`. */
  let mutatingRoutes: string[];
  const startedAt = new Date(Date.now() - 1000).toISOString();
  /** Request ids of every mutating admin request this file made. */
  const mutatingRequests: string[] = [];

  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    client: ApiClient = admin,
  ): Promise<ApiResponse<T>> => {
    const response = await client.call<T>(method, path, body);
    if (!READS.has(method)) mutatingRequests.push(response.headers.get('x-request-id')!);
    return response;
  };

  /** All entries since the suite started, oldest first (following the cursor). */
  const allEntries = async (query = ''): Promise<AuditEvent[]> => {
    const entries: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: ApiResponse<AuditList> = await admin.call<AuditList>(
        'GET',
        `/v1/admin/audit?from=${encodeURIComponent(startedAt)}&limit=50${query}${suffix}`,
      );
      expect(page.status).toBe(200);
      entries.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    return entries.reverse();
  };

  /** The one entry of a response's request id, checked against what was expected. */
  const expectEntry = async (response: ApiResponse, expected: Expected): Promise<AuditEvent> => {
    const requestId = response.headers.get('x-request-id')!;
    expect(response.status).toBe(expected.status);
    const matching = (await allEntries(`&action=${expected.action}`)).filter(
      (entry) => entry.request_id === requestId,
    );
    expect(matching).toHaveLength(1);
    const [entry] = matching;
    expect(entry).toMatchObject({
      object: 'audit_event',
      request_id: requestId,
      actor: expected.actor ?? 'admin',
      actor_type: expected.actor_type ?? 'admin',
      action: expected.action,
      target: { team_id: null, user_id: null, key_id: null, ...expected.target },
      outcome: expected.outcome,
      status: expected.status,
      error_type: expected.error_type ?? null,
      ...(expected.error_code ? { error_code: expected.error_code } : {}),
    });
    if (expected.summary) expect(entry.summary).toMatchObject(expected.summary);
    expect(Date.parse(entry.occurred_at)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    return entry;
  };

  beforeAll(async () => {
    system = await startSystem();
    admin = apiClient(system.baseUrl, system.adminKey);

    // The routes as a booted gateway registers them (a gateway of its own, never listening).
    const app = await createGatewayApp(
      loadConfig(GatewayConfigSchema, {
        NATS_URL: await natsUrlForTests(),
        NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
        LOG_LEVEL: 'warn',
        CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      }),
    );
    const registered = new Set<string>();
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          if (!READS.has(method) && route.url.startsWith('/v1/admin/')) {
            registered.add(`${method} ${documented(route.url)}`);
          }
        }
      });
    try {
      await app.init();
    } finally {
      await app.close();
    }
    mutatingRoutes = [...registered].sort();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('the booted gateway and the route table agree on the mutating admin routes', () => {
    const fromTable = ROUTES.filter(
      (route) => route.access === 'admin' && route.method !== 'get',
    ).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(mutatingRoutes.length).toBeGreaterThanOrEqual(11);
    expect(mutatingRoutes).toEqual([...fromTable].sort());
  });

  it('walks every mutating admin route: each request leaves exactly one entry', async () => {
    const walked = new Set<string>();
    const team = await call<{ id: string }>('POST', '/v1/admin/teams', {
      name: uniqueName('audit-team'),
      budget: { amount_usd: 10, period: 'monthly' },
    });
    await expectEntry(team, {
      action: 'team.create',
      target: { team_id: team.body.id },
      outcome: 'succeeded',
      status: 201,
      summary: { budget: { amount_usd: 10, period: 'monthly' } },
    });
    walked.add('POST /v1/admin/teams');
    const teamId = team.body.id;

    const user = await call<{ id: string }>('POST', '/v1/admin/users', {
      name: 'Ada',
      team_id: teamId,
      email: 'ada@example.com',
    });
    const userEntry = await expectEntry(user, {
      action: 'user.create',
      target: { team_id: teamId, user_id: user.body.id },
      outcome: 'succeeded',
      status: 201,
      summary: { name: 'Ada', email_given: true },
    });
    expect(JSON.stringify(userEntry)).not.toContain('ada@example.com');
    walked.add('POST /v1/admin/users');

    const key = await call<{ id: string; key: string; prefix: string }>('POST', '/v1/admin/keys', {
      name: uniqueName('audit-key'),
      team_id: teamId,
      user_id: user.body.id,
      models: ['local/echo'],
      rpm: 100,
    });
    const keyEntry = await expectEntry(key, {
      action: 'key.create',
      target: { team_id: teamId, user_id: user.body.id, key_id: key.body.id },
      outcome: 'succeeded',
      status: 201,
      summary: { models: ['local/echo'], rpm: 100, prefix: key.body.prefix },
    });
    // Never the plaintext key nor its hash.
    const keyHash = createHash('sha256').update(key.body.key).digest('hex');
    expect(JSON.stringify(keyEntry)).not.toContain(key.body.key);
    expect(JSON.stringify(keyEntry)).not.toContain(keyHash);
    walked.add('POST /v1/admin/keys');

    const owners = [
      ['teams', teamId, 'team_id'],
      ['users', user.body.id, 'user_id'],
      ['keys', key.body.id, 'key_id'],
    ] as const;
    for (const [owner, id, field] of owners) {
      const set = await call('PUT', `/v1/admin/${owner}/${id}/budget`, {
        amount_usd: 2.5,
        period: 'daily',
      });
      await expectEntry(set, {
        action: 'budget.set',
        target: { [field]: id },
        outcome: 'succeeded',
        status: 200,
        summary: { scope: owner.slice(0, -1), amount_usd: 2.5, period: 'daily' },
      });
      walked.add(`PUT /v1/admin/${owner}/{id}/budget`);
      const removed = await call('DELETE', `/v1/admin/${owner}/${id}/budget`);
      await expectEntry(removed, {
        action: 'budget.remove',
        target: { [field]: id },
        outcome: 'succeeded',
        status: 200,
        summary: { scope: owner.slice(0, -1) },
      });
      walked.add(`DELETE /v1/admin/${owner}/{id}/budget`);
    }

    const purge = await call('POST', '/v1/admin/cache/purge', {
      team_id: teamId,
      key_id: key.body.id,
      model: 'local/echo',
    });
    await expectEntry(purge, {
      action: 'cache.purge',
      target: { team_id: teamId, key_id: key.body.id },
      outcome: 'succeeded',
      status: 200,
      summary: { model: 'local/echo', purged: 0 },
    });
    walked.add('POST /v1/admin/cache/purge');

    const revoked = await call('DELETE', `/v1/admin/keys/${key.body.id}`);
    await expectEntry(revoked, {
      action: 'key.revoke',
      target: { team_id: teamId, user_id: user.body.id, key_id: key.body.id },
      outcome: 'succeeded',
      status: 200,
      summary: { prefix: key.body.prefix },
    });
    walked.add('DELETE /v1/admin/keys/{id}');

    // The walk covered every mutating admin route the gateway serves: a new one fails here.
    expect(mutatingRoutes.filter((route) => !walked.has(route))).toEqual([]);
  });

  it('records failed actions as failed, with the error type the admin got', async () => {
    const invalid = await call('POST', '/v1/admin/teams', { name: '' });
    await expectEntry(invalid, {
      action: 'team.create',
      target: {},
      outcome: 'failed',
      status: 400,
      error_type: 'validation_error',
    });

    const missingKey = `key_${'0'.repeat(32)}`;
    const notFound = await call('PUT', `/v1/admin/keys/${missingKey}/budget`, {
      amount_usd: 1,
      period: 'daily',
    });
    await expectEntry(notFound, {
      action: 'budget.set',
      target: { key_id: missingKey },
      outcome: 'failed',
      status: 400,
      error_type: 'validation_error',
      error_code: 'unknown_key',
    });

    const badId = await call('DELETE', '/v1/admin/keys/not-an-id');
    await expectEntry(badId, {
      action: 'key.revoke',
      target: {},
      outcome: 'failed',
      status: 400,
      error_type: 'validation_error',
      summary: { invalid_id: 'not-an-id' },
    });

    const unscoped = await call('POST', '/v1/admin/cache/purge', {});
    await expectEntry(unscoped, {
      action: 'cache.purge',
      target: {},
      outcome: 'failed',
      status: 400,
      error_type: 'validation_error',
    });

    // A virtual key on an admin route: refused, and recorded as that key's attempt.
    const team = await admin.createTeam({ name: uniqueName('audit-intruder') });
    const key = await admin.createKey({ name: uniqueName('intruder'), team_id: team.id });
    mutatingRequests.push('(team)', '(key)');
    const intruder = apiClient(system.baseUrl, key.key);
    const forbidden = await call('POST', '/v1/admin/teams', { name: 'mine' }, intruder);
    await expectEntry(forbidden, {
      action: 'team.create',
      actor: key.id,
      actor_type: 'key',
      target: {},
      outcome: 'failed',
      status: 403,
      error_type: 'permission_denied',
    });
    // A key it cannot name (401) is not an actor: nothing recorded.
    const stranger = apiClient(system.baseUrl, 'sk-cnd-' + 'x'.repeat(40));
    const unknown = await stranger.call('POST', '/v1/admin/teams', { name: 'nope' });
    expect(unknown.status).toBe(401);
    const entries = await allEntries();
    expect(entries.some((e) => e.request_id === unknown.headers.get('x-request-id'))).toBe(false);
  });

  it('records nothing for reads; every mutating request has exactly one entry', async () => {
    await admin.call('GET', '/v1/admin/teams');
    await admin.call('GET', '/v1/admin/keys');
    await admin.call('GET', '/v1/admin/audit');
    const entries = await allEntries();
    const byRequest = new Map<string, number>();
    for (const entry of entries) {
      byRequest.set(entry.request_id, (byRequest.get(entry.request_id) ?? 0) + 1);
    }
    expect([...byRequest.values()].every((count) => count === 1)).toBe(true);
    const made = mutatingRequests.filter((id) => id.startsWith('req_'));
    expect(made.filter((id) => !byRequest.has(id))).toEqual([]);
    // The two admin.createTeam/createKey calls of the test above are entries too.
    expect(entries).toHaveLength(mutatingRequests.length);
    expect(entries.every((entry) => !entry.route.startsWith('GET '))).toBe(true);
  });

  it('filters by actor, action family, target, outcome and time; pages with a cursor', async () => {
    const team = await admin.createTeam({ name: uniqueName('audit-filter') });
    for (const amount of [1, 2, 3]) {
      const response = await admin.call('PUT', `/v1/admin/teams/${team.id}/budget`, {
        amount_usd: amount,
        period: 'monthly',
      });
      expect(response.status).toBe(200);
    }
    await admin.call('DELETE', `/v1/admin/teams/${team.id}/budget`);

    const list = async (query: string) => {
      const response = await admin.call<AuditList>('GET', `/v1/admin/audit?${query}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const ofTeam = await list(`team_id=${team.id}`);
    expect(ofTeam.data.map((entry) => entry.action)).toEqual([
      'budget.remove',
      'budget.set',
      'budget.set',
      'budget.set',
      'team.create',
    ]);
    expect((await list(`team_id=${team.id}&action=budget`)).data).toHaveLength(4);
    expect((await list(`team_id=${team.id}&action=budget.set`)).data).toHaveLength(3);
    expect((await list(`team_id=${team.id}&actor=admin`)).data).toHaveLength(5);
    expect((await list(`team_id=${team.id}&outcome=failed`)).data).toHaveLength(0);
    const newest = ofTeam.data[0].occurred_at;
    expect((await list(`team_id=${team.id}&from=${encodeURIComponent(newest)}`)).data).toEqual([
      ofTeam.data[0],
    ]);
    expect((await list(`team_id=${team.id}&to=${encodeURIComponent(newest)}`)).data).toHaveLength(
      4,
    );
    expect((await list(`team_id=${team.id}&to=2000-01-01`)).data).toHaveLength(0);

    const first = await list(`team_id=${team.id}&limit=2`);
    expect(first.data).toEqual(ofTeam.data.slice(0, 2));
    const second = await list(`team_id=${team.id}&limit=2&cursor=${first.next_cursor}`);
    expect(second.data).toEqual(ofTeam.data.slice(2, 4));
    const third = await list(`team_id=${team.id}&limit=2&cursor=${second.next_cursor}`);
    expect(third.data).toEqual(ofTeam.data.slice(4));
    expect(third.next_cursor).toBeNull();

    for (const bad of ['limit=0', 'limit=abc', 'action=Team', 'from=yesterday', 'cursor=zz']) {
      const refused = await admin.call('GET', `/v1/admin/audit?${bad}`);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 400 });
    }
    const forbidden = await apiClient(
      system.baseUrl,
      (await admin.createKey({ name: uniqueName('reader'), team_id: team.id })).key,
    ).call('GET', '/v1/admin/audit');
    expect(forbidden.status).toBe(403);
  });

  it('exports the log as CSV, oldest first, with formula-safe cells and the JSON summary', async () => {
    const name = `=HYPERLINK("http://evil","x"),${uniqueName('csv')}`;
    const team = await admin.createTeam({ name });
    const exported = await admin.call(
      'GET',
      `/v1/admin/audit/export?format=csv&team_id=${team.id}`,
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(exported.text);
    expect(header).toEqual([
      'id',
      'occurred_at',
      'request_id',
      'actor',
      'actor_type',
      'action',
      'route',
      'team_id',
      'user_id',
      'key_id',
      'outcome',
      'status',
      'error_type',
      'error_code',
      'summary',
    ]);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((column, i) => [column, rows[0][i]]));
    expect(row).toMatchObject({
      actor: 'admin',
      action: 'team.create',
      route: 'POST /v1/admin/teams',
      team_id: team.id,
      outcome: 'succeeded',
      status: '201',
    });
    expect(JSON.parse(row.summary)).toMatchObject({ name });
    // No cell a spreadsheet would evaluate.
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);

    // Everything since the suite started, in the order it happened, like the list reversed.
    const all = await admin.call(
      'GET',
      `/v1/admin/audit/export?from=${encodeURIComponent(startedAt)}`,
    );
    const ids = parseCsv(all.text)
      .slice(1)
      .map((cells) => cells[0]);
    expect(ids).toEqual((await allEntries()).map((entry) => entry.id));
    const refused = await admin.call('GET', '/v1/admin/audit/export?format=xml');
    expect(refused.status).toBe(400);
  });

  it('keeps what happens while the ledger is down, and stores it once the ledger is back', async () => {
    const before = await allEntries();
    await system.stop('ledger');
    try {
      // The cache lives in the gateway: the purge works, its entry waits for the ledger.
      const purge = await admin.call('POST', '/v1/admin/cache/purge', { model: 'local/echo' });
      expect(purge.status).toBe(200);
      // A team needs the ledger: the action fails, and that failure is kept too.
      const team = await admin.call('POST', '/v1/admin/teams', { name: uniqueName('down') });
      expect(team.status).toBe(503);
      const metrics = await (await fetch(system.metricsUrl)).text();
      expect(metrics).toMatch(/conduit_audit_records_total\{result="deferred"\} [2-9]/);
      await system.start('ledger');
      const ids = [purge, team].map((response) => response.headers.get('x-request-id'));
      const deadline = Date.now() + 30_000;
      let after: AuditEvent[] = [];
      while (Date.now() < deadline) {
        after = await allEntries().catch(() => []);
        if (ids.every((id) => after.some((entry) => entry.request_id === id))) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(after).toHaveLength(before.length + 2);
      expect(after.find((entry) => entry.request_id === ids[0])).toMatchObject({
        action: 'cache.purge',
        outcome: 'succeeded',
        status: 200,
      });
      expect(after.find((entry) => entry.request_id === ids[1])).toMatchObject({
        action: 'team.create',
        outcome: 'failed',
        status: 503,
        error_type: 'service_unavailable',
      });
    } finally {
      await system.start('ledger');
    }
  }, 90_000);
});
