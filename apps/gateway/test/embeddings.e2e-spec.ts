import OpenAI from 'openai';
import { apiClient, eventually, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';
import { teamKey, type TeamKey } from './support/team-key';

/** `POST /v1/embeddings` driven by the official `openai` client, with the keyless `local/embed`. */
describe('embeddings with the openai client (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let teamA: TeamKey;
  const newTeamKey = (budgetUsd?: number) => teamKey(system, admin, budgetUsd);

  beforeAll(async () => {
    system = await startSystem({ services: ['embedding', 'ledger'] });
    admin = apiClient(system.baseUrl, system.adminKey);
    teamA = await newTeamKey();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('embeds a list of texts into unit vectors (the SDK asks for base64 and decodes it)', async () => {
    const { data, response } = await teamA.openai.embeddings
      .create({ model: 'local/embed', input: ['the quick brown fox', 'a lazy dog'] })
      .withResponse();
    expect(data.object).toBe('list');
    expect(data.model).toBe('local/embed');
    expect(data.data.map((item) => item.index)).toEqual([0, 1]);
    for (const item of data.data) {
      expect(item.embedding).toHaveLength(384);
      const norm = Math.hypot(...item.embedding);
      expect(norm).toBeCloseTo(1, 4);
    }
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage.total_tokens).toBe(data.usage.prompt_tokens);
    expect(Number(response.headers.get('x-conduit-cost-usd'))).toBeGreaterThan(0);
  });

  it('honours encoding_format float and dimensions, and is deterministic', async () => {
    const first = await teamA.openai.embeddings.create({
      model: 'local/embed',
      input: 'deterministic text',
      encoding_format: 'float',
      dimensions: 64,
    });
    const again = await teamA.openai.embeddings.create({
      model: 'local/embed',
      input: 'deterministic text',
      dimensions: 64,
    });
    expect(first.data[0].embedding).toHaveLength(64);
    expect(again.data[0].embedding).toEqual(first.data[0].embedding);
  });

  it('embeds 100 inputs in order (split into several messages behind the scenes)', async () => {
    const input = Array.from({ length: 100 }, (_, i) => `sentence number ${i} about topic ${i}`);
    const single = await teamA.openai.embeddings.create({
      model: 'local/embed',
      input: input[77],
    });
    const batch = await teamA.openai.embeddings.create({ model: 'local/embed', input });
    expect(batch.data).toHaveLength(100);
    expect(batch.data[77].index).toBe(77);
    expect(batch.data[77].embedding).toEqual(single.data[0].embedding);
  });

  it('refuses bad input with the SDK error classes and the request id', async () => {
    const unknown = await teamA.openai.embeddings
      .create({ model: 'local/nope', input: 'x' })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);

    const tokens = await teamA.client.call<{ error: Record<string, unknown> }>(
      'POST',
      '/v1/embeddings',
      { model: 'local/embed', input: [[1, 2, 3]] },
    );
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toMatchObject({ param: 'input', code: 'unsupported_input' });
    expect(tokens.body.error.request_id).toBe(tokens.headers.get('x-request-id'));

    const empty = await teamA.openai.embeddings
      .create({ model: 'local/embed', input: [] })
      .catch((error: unknown) => error);
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('is metered: a budget that cannot afford the input refuses it, and usage is booked', async () => {
    const poor = await newTeamKey(0.000001);
    const refused = await poor.client.call<{ error: Record<string, unknown> }>(
      'POST',
      '/v1/embeddings',
      { model: 'local/embed', input: 'a text long enough to cost more than one micro dollar' },
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'budget_exceeded' });

    const rich = await newTeamKey(1);
    const ok = await rich.client.call('POST', '/v1/embeddings', {
      model: 'local/embed',
      input: ['one', 'two'],
    });
    expect(ok.status).toBe(200);
    const charged = Math.round(Number(ok.headers.get('x-conduit-cost-usd')) * 1_000_000);
    const report = await eventually(
      () => admin.usage(`?key_id=${rich.keyId}`),
      (usage) => usage.totals.requests === 1,
    );
    expect(report.totals.cost_micro_usd).toBe(charged);
    expect(report.totals.input_tokens).toBeGreaterThan(0);
  });
});
