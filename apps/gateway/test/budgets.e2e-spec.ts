import { apiClient, eventually, parseCsv, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

/** A message long enough that the echo always runs into max_tokens: every call costs the same. */
const LONG_PROMPT = 'budget '.repeat(200);
const MAX_TOKENS = 8;

const echoRequest = (extra: Record<string, unknown> = {}) => ({
  model: 'local/echo',
  max_tokens: MAX_TOKENS,
  messages: [{ role: 'user', content: LONG_PROMPT }],
  ...extra,
});

const costOf = (headers: Headers) => {
  const usd = headers.get('x-conduit-cost-usd');
  if (usd === null) throw new Error('no x-conduit-cost-usd header');
  return Math.round(Number(usd) * 1_000_000);
};

/** Budgets hold under concurrency, and every charged cent is in the ledger exactly once. */
describe('budgets and usage accounting (e2e, real Postgres and JetStream)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  /** What one echoRequest costs (micro-USD): the worst case and the actual charge coincide. */
  let unitCost: number;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'guardrails', 'ledger'] });
    admin = apiClient(system.baseUrl, system.adminKey);
    const probe = await admin.chat(echoRequest());
    expect(probe.status).toBe(200);
    unitCost = costOf(probe.headers);
    expect(unitCost).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await system?.close();
  });

  const newTeamKey = async (budgets: {
    team?: number;
    user?: number;
    key?: number;
  }): Promise<{ client: ApiClient; keyId: string }> => {
    const usd = (micro?: number) =>
      micro === undefined ? undefined : { amount_usd: micro / 1_000_000, period: 'monthly' };
    const team = await admin.createTeam({ name: uniqueName('team'), budget: usd(budgets.team) });
    const user = await admin.createUser({
      name: uniqueName('user'),
      team_id: team.id,
      budget: usd(budgets.user),
    });
    const key = await admin.createKey({
      name: uniqueName('key'),
      team_id: team.id,
      user_id: user.id,
      budget: usd(budgets.key),
    });
    return { client: apiClient(system.baseUrl, key.key), keyId: key.id };
  };

  it.each(['key', 'user', 'team'] as const)(
    '200 concurrent requests against a %s budget that affords 50: never overspent, the rest get budget_exceeded, ledger total = sum of charged costs',
    async (scope) => {
      const { client, keyId } = await newTeamKey({ [scope]: unitCost * 50 });
      const responses = await Promise.all(
        Array.from({ length: 200 }, () => client.chat(echoRequest())),
      );
      const ok = responses.filter((response) => response.status === 200);
      const refused = responses.filter((response) => response.status !== 200);
      // Every call costs its worst case exactly, so the holds admit exactly 50.
      expect(ok).toHaveLength(50);
      for (const response of refused) {
        expect(response.status).toBe(429);
        expect(response.body).toMatchObject({
          error: { type: 'budget_exceeded', code: 'budget_exceeded' },
        });
      }
      const charged = ok.reduce((sum, response) => sum + costOf(response.headers), 0);
      expect(charged).toBeLessThanOrEqual(unitCost * 50);

      const report = await eventually(
        () => admin.usage(`?key_id=${keyId}`),
        (usage) => usage.totals.requests === 200,
      );
      expect(report.totals.requests).toBe(200);
      expect(report.totals.errors).toBe(150);
      expect(report.totals.cost_micro_usd).toBe(charged);
    },
  );

  it('a refusal says which budget stopped the request and how much is left', async () => {
    const { client } = await newTeamKey({ team: unitCost * 2 + 1 });
    expect((await client.chat(echoRequest())).status).toBe(200);
    expect((await client.chat(echoRequest())).status).toBe(200);
    const refused = await client.chat(echoRequest());
    expect(refused.status).toBe(429);
    const error = (refused.body as { error: Record<string, unknown> }).error;
    expect(error.message).toMatch(/team/);
    expect(error.message).toMatch(/monthly/);
    expect(error.message).toMatch(/0\.000001/);
    expect(error.request_id).toBe(refused.headers.get('x-request-id'));
  });

  it('charges the cost in a header and, when asked, in the body', async () => {
    const response = await admin.chat(echoRequest({ conduit: { include_cost: true } }));
    expect(response.status).toBe(200);
    expect(response.body.conduit).toMatchObject({
      cost_usd: response.headers.get('x-conduit-cost-usd'),
      cost_micro_usd: unitCost,
      model: 'local/echo',
    });
    expect((response.body.conduit as { price_version: string }).price_version).toMatch(
      /^local\/echo@\d{4}-\d{2}-\d{2}$/,
    );
  });

  it('a stream reports its cost in the final chunk when asked', async () => {
    const response = await admin.chat(
      echoRequest({
        stream: true,
        stream_options: { include_usage: true },
        conduit: { include_cost: true },
      }),
    );
    expect(response.status).toBe(200);
    const events = response.text
      .split('\n\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
    const last = events.at(-1) as { usage: unknown; conduit: { cost_micro_usd: number } };
    expect(last.usage).toMatchObject({ completion_tokens: MAX_TOKENS });
    expect(last.conduit.cost_micro_usd).toBe(unitCost);
  });

  // A system of its own whose echo model is slow, so the stream can be cut in the middle.
  it('a client that disconnects mid-stream is charged for what was generated', async () => {
    const slow = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: {
        LOCAL_ECHO_TOKEN_DELAY_MS: '50',
        // Output guardrails hold a stream back until a window of text is screened; this test
        // needs the tokens as they come, so the client can leave after the third one.
        GUARDRAILS_DEFAULT_POLICY:
          '{"output_pii":"off","output_secrets":"off","system_prompt_leak":"off","json_schema":"off"}',
      },
    });
    const controller = new AbortController();
    const response = await fetch(`${slow.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: `Bearer ${slow.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'local/echo',
        stream: true,
        messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
      }),
    });
    const requestId = response.headers.get('x-request-id') ?? '';
    const reader = response.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let received = '';
    while ((received.match(/data: \{/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before the client could leave: ${received}`);
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    const slowAdmin = apiClient(slow.baseUrl, slow.adminKey);
    const rows = await eventually(
      async () => parseCsv((await slowAdmin.call('GET', '/v1/usage/export')).text),
      (all) => all.some((row) => row.request_id === requestId),
    );
    const row = rows.find((candidate) => candidate.request_id === requestId);
    expect(row).toMatchObject({ status: 'cancelled', stream: 'true' });
    expect(Number(row?.output_tokens)).toBeGreaterThanOrEqual(2);
    expect(Number(row?.output_tokens)).toBeLessThan(20);
    expect(Number(row?.cost_usd)).toBeGreaterThan(0);
    await slow.close();
  });

  it('GET /v1/usage groups and filters; a key sees only its own usage', async () => {
    const { client, keyId } = await newTeamKey({});
    for (let i = 0; i < 3; i++) expect((await client.chat(echoRequest())).status).toBe(200);
    const own = await eventually(
      () => client.usage('?group_by=day,model'),
      (usage) => usage.totals.requests === 3,
    );
    expect(own.group_by).toEqual(['day', 'model']);
    expect(own.data).toHaveLength(1);
    expect(own.data[0]).toMatchObject({ model: 'local/echo', requests: 3 });
    expect(own.totals.cost_micro_usd).toBe(unitCost * 3);
    expect(own.totals.input_tokens).toBeGreaterThan(0);

    const foreign = await client.call('GET', '/v1/usage?key_id=key_' + '0'.repeat(32));
    expect(foreign.status).toBe(403);

    const all = await admin.usage('?group_by=key');
    expect(all.data.find((row) => row.key_id === keyId)).toMatchObject({ requests: 3 });
    expect(all.data.length).toBeGreaterThan(1);

    const bad = await admin.call('GET', '/v1/usage?group_by=planet');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { type: 'validation_error', param: 'group_by[0]' } });
  });

  it('exports usage as CSV', async () => {
    const { client, keyId } = await newTeamKey({});
    const first = await client.chat(echoRequest());
    await eventually(
      () => client.usage(),
      (usage) => usage.totals.requests === 1,
    );
    const csv = await admin.call('GET', `/v1/usage/export?format=csv&key_id=${keyId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      request_id: first.headers.get('x-request-id'),
      key_id: keyId,
      model: 'local/echo',
      status: 'success',
      cost_usd: first.headers.get('x-conduit-cost-usd'),
    });
    expect((await admin.call('GET', '/v1/usage/export?format=xml')).status).toBe(400);
  });
});
