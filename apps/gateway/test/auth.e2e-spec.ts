import OpenAI from 'openai';
import type { Team, User } from '@conduit/contracts';
import { apiClient, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

const hello = { model: 'local/echo', messages: [{ role: 'user', content: 'hello' }] };

/** Every /v1 call needs a key; what a key may do is what the admin gave it. */
describe('virtual keys (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let teamId: string;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'guardrails', 'ledger'] });
    admin = apiClient(system.baseUrl, system.adminKey);
    teamId = (await admin.createTeam({ name: uniqueName('auth') })).id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const newKey = (extra: Record<string, unknown> = {}) =>
    admin.createKey({ name: uniqueName('key'), team_id: teamId, ...extra });

  it('a new key is shown once, listed by prefix, and works with the openai client', async () => {
    const created = await newKey();
    expect(created.key).toMatch(/^sk-cnd-[A-Za-z0-9]{40}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const listed = (await admin.listKeys(`?team_id=${teamId}`)).data.find(
      (key) => key.id === created.id,
    );
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const client = new OpenAI({
      apiKey: created.key,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: 'local/echo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toContain('hi');
  });

  it.each([
    ['missing', undefined, 'missing_api_key'],
    ['unknown', 'sk-cnd-' + 'x'.repeat(40), 'invalid_api_key'],
    ['not a Conduit key', 'sk-proj-something-else', 'invalid_api_key'],
  ])('a %s key gets 401', async (_label, key, code) => {
    const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(hello),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'authentication_error', code });
    expect(body.error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('the openai client raises AuthenticationError for a bad key', async () => {
    const client = new OpenAI({
      apiKey: 'sk-cnd-' + 'y'.repeat(40),
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('an expired key gets 401 key_expired', async () => {
    // A key cannot be created already expired (400): this one expires a moment after creation.
    const created = await newKey({ expires_at: new Date(Date.now() + 1_500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const response = await apiClient(system.baseUrl, created.key).chat(hello);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'key_expired' } });
  });

  it('a model outside the allow-list gets 403; /v1/models lists only allowed models', async () => {
    const created = await newKey({ models: ['local/echo'] });
    const client = apiClient(system.baseUrl, created.key);
    expect((await client.chat(hello)).status).toBe(200);
    // The bare id resolves to the same catalog model, so it is allowed too.
    expect((await client.chat({ ...hello, model: 'echo' })).status).toBe(200);
    const models = await client.call<{ data: Array<{ id: string }> }>('GET', '/v1/models');
    expect(models.body.data.map((model) => model.id)).toEqual(['local/echo']);

    const narrow = await newKey({ models: [] });
    const refused = await apiClient(system.baseUrl, narrow.key).chat(hello);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: { type: 'permission_denied', code: 'model_not_allowed', param: 'model' },
    });
  });

  it('a virtual key cannot use the admin API', async () => {
    const created = await newKey();
    for (const path of ['/v1/admin/teams', '/v1/admin/users', '/v1/admin/keys']) {
      const response = await apiClient(system.baseUrl, created.key).call('GET', path);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: 'admin_key_required' } });
    }
  });

  it.each(['/v1/admin/teams', '/v1/admin/users'])('GET %s without a key gets 401', async (path) => {
    const response = await fetch(`${system.baseUrl}${path}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { type: 'authentication_error', code: 'missing_api_key' },
    });
  });

  it('the admin key lists teams, oldest first, with their budget and retention', async () => {
    const name = uniqueName('listed');
    const created = await admin.createTeam({
      name,
      budget: { amount_usd: 12.5, period: 'monthly' },
      request_log_retention_days: 5,
    });
    const response = await admin.call<{ object: string; data: Team[] }>('GET', '/v1/admin/teams');
    expect(response.status).toBe(200);
    expect(response.body.object).toBe('list');
    const ids = response.body.data.map((team) => team.id);
    expect(ids.indexOf(teamId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(created.id)).toBeGreaterThan(ids.indexOf(teamId));
    expect(response.body.data.find((team) => team.id === created.id)).toMatchObject({
      id: created.id,
      object: 'team',
      name,
      budget: { period: 'monthly', amount_micro_usd: 12_500_000, spent_micro_usd: 0 },
      request_log_retention_days: 5,
      created_at: created.created_at,
    });
  });

  it("the admin key lists users, every team's or filtered by team_id", async () => {
    const otherTeam = await admin.createTeam({ name: uniqueName('users') });
    const here = await admin.createUser({ name: uniqueName('ana'), team_id: teamId });
    const there = await admin.createUser({
      name: uniqueName('bo'),
      team_id: otherTeam.id,
      email: 'bo@example.com',
      budget: { amount_usd: 3, period: 'daily' },
    });
    const list = (query = '') =>
      admin.call<{ object: string; data: User[] }>('GET', `/v1/admin/users${query}`);

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.body.object).toBe('list');
    expect(all.body.data).toEqual(expect.arrayContaining([here, there]));

    const filtered = await list(`?team_id=${otherTeam.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.data).toEqual([there]);
    expect(filtered.body.data[0]).toMatchObject({
      team_id: otherTeam.id,
      email: 'bo@example.com',
      budget: { period: 'daily', amount_micro_usd: 3_000_000 },
    });

    const ofAuthTeam = await list(`?team_id=${teamId}`);
    expect(ofAuthTeam.body.data.map((user) => user.id)).toContain(here.id);
    expect(ofAuthTeam.body.data.every((user) => user.team_id === teamId)).toBe(true);

    const unknownTeam = await list(`?team_id=team_${'c'.repeat(32)}`);
    expect(unknownTeam.status).toBe(200);
    expect(unknownTeam.body.data).toEqual([]);
  });

  it('rpm limits answer 429 with Retry-After and OpenAI rate-limit headers', async () => {
    const created = await newKey({ rpm: 2 });
    const client = apiClient(system.baseUrl, created.key);
    const first = await client.chat(hello);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect((await client.chat(hello)).status).toBe(200);
    const limited = await client.chat(hello);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a revoked key stops working within a second on every gateway replica', async () => {
    const second = await system.addGateway();
    const created = await newKey();
    const onSecond = apiClient(second, created.key);
    // Both replicas have the key cached now.
    expect((await onSecond.chat(hello)).status).toBe(200);
    expect((await apiClient(system.baseUrl, created.key).chat(hello)).status).toBe(200);

    const revokedAt = Date.now();
    const revoked = await admin.revokeKey(created.id);
    expect(revoked.revoked_at).not.toBeNull();
    let status = 200;
    while (Date.now() - revokedAt < 1_000) {
      status = (await onSecond.chat(hello)).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
    const after = await onSecond.chat(hello);
    expect(after.body).toMatchObject({ error: { code: 'key_revoked' } });
  });
});

describe('CONDUIT_AUTH=disabled (e2e)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: { CONDUIT_AUTH: 'disabled' },
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('serves requests without a key', async () => {
    const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(hello),
    });
    expect(response.status).toBe(200);
  });
});
