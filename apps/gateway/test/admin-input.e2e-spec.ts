import { apiClient, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

/** Bad admin input gets a clear 400 naming the field, and nothing is half-written. */
describe('admin API input (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let teamId: string;

  beforeAll(async () => {
    // The embedding service too: an allow-list is checked against every model kind, and a name
    // only an unanswering service could know is a 503, not the typo's 400.
    system = await startSystem({ services: ['llm', 'embedding', 'guardrails', 'ledger'] });
    admin = apiClient(system.baseUrl, system.adminKey);
    teamId = (await admin.createTeam({ name: uniqueName('admin') })).id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const expect400 = async (
    method: string,
    path: string,
    body: unknown,
    expected: Record<string, unknown>,
  ) => {
    const response = await admin.call(method, path, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', ...expected } });
    expect((response.body as { error: { request_id: string } }).error.request_id).toMatch(/^req_/);
  };

  it('a negative budget', async () => {
    await expect400(
      'POST',
      '/v1/admin/teams',
      { name: uniqueName('t'), budget: { amount_usd: -5, period: 'monthly' } },
      { param: 'budget.amount_usd' },
    );
  });

  it('an unknown budget period', async () => {
    await expect400(
      'POST',
      '/v1/admin/teams',
      { name: uniqueName('t'), budget: { amount_usd: 5, period: 'weekly' } },
      { param: 'budget.period' },
    );
  });

  it('an unknown model in the allow-list', async () => {
    await expect400(
      'POST',
      '/v1/admin/keys',
      { name: uniqueName('k'), team_id: teamId, models: ['local/echo', 'gpt-17'] },
      { code: 'unknown_model', param: 'models[1]' },
    );
  });

  it('duplicate team and key names', async () => {
    const name = uniqueName('dup');
    await admin.createTeam({ name });
    await expect400('POST', '/v1/admin/teams', { name }, { code: 'duplicate_name', param: 'name' });
    const keyName = uniqueName('dupkey');
    await admin.createKey({ name: keyName, team_id: teamId });
    await expect400(
      'POST',
      '/v1/admin/keys',
      { name: keyName, team_id: teamId },
      { code: 'duplicate_name', param: 'name' },
    );
  });

  it('malformed ids in bodies and paths', async () => {
    await expect400(
      'POST',
      '/v1/admin/users',
      { name: 'u', team_id: 'team_42' },
      { param: 'team_id' },
    );
    const response = await admin.call('DELETE', '/v1/admin/keys/not-a-key-id');
    expect(response.status).toBe(400);
    await expect400('PUT', '/v1/admin/teams/nope/budget', { amount_usd: 1, period: 'daily' }, {});
  });

  it('an unknown team id in a body, and revoking an unknown key', async () => {
    await expect400(
      'POST',
      '/v1/admin/users',
      { name: uniqueName('u'), team_id: 'team_' + 'a'.repeat(32) },
      { param: 'team_id' },
    );
    const response = await admin.call('DELETE', `/v1/admin/keys/key_${'b'.repeat(32)}`);
    expect(response.status).toBe(404);
  });

  it('a malformed team_id filter on the users list', async () => {
    await expect400('GET', '/v1/admin/users?team_id=team_42', undefined, { param: 'team_id' });
  });

  it('unknown fields are rejected rather than ignored', async () => {
    await expect400(
      'POST',
      '/v1/admin/teams',
      { name: uniqueName('t'), budgett: { amount_usd: 1, period: 'daily' } },
      {},
    );
  });

  it('a failed key creation leaves no key and no budget behind', async () => {
    const before = (await admin.listKeys(`?team_id=${teamId}&include_revoked=true`)).data.length;
    const taken = uniqueName('taken');
    await admin.createKey({ name: taken, team_id: teamId });
    // Same name again, with a budget: the whole creation must roll back.
    await expect400(
      'POST',
      '/v1/admin/keys',
      { name: taken, team_id: teamId, budget: { amount_usd: 3, period: 'daily' } },
      { code: 'duplicate_name' },
    );
    const after = await admin.listKeys(`?team_id=${teamId}&include_revoked=true`);
    expect(after.data).toHaveLength(before + 1);
    expect(after.data.find((key) => key.name === taken)?.budget).toBeNull();
  });
});
