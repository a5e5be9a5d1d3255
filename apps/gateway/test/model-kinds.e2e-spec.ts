import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { apiClient, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

const hello = { model: 'local/echo', messages: [{ role: 'user', content: 'hello' }] };
const embed = { model: 'local/embed', input: 'hello' };

type ModelListBody = { object: string; data: Array<{ id: string; object: string }> };

/**
 * Every kind of model the gateway serves — chat models, their aliases and embedding models — is
 * listed by /v1/models, retrievable by its id (slashes and all) and nameable in a key's
 * allow-list; the allow-list then governs chat and embeddings alike.
 */
describe('model kinds: /v1/models and key allow-lists (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let teamId: string;

  beforeAll(async () => {
    const catalog = join(mkdtempSync(join(tmpdir(), 'model-kinds-e2e-')), 'models.yaml');
    writeFileSync(
      catalog,
      `
providers:
  local: { type: local }
models:
  - provider: local
    upstream_model: echo
    aliases: [fast]
    prices: [{ input_usd_per_mtok: 1, output_usd_per_mtok: 2 }]
`,
    );
    system = await startSystem({
      env: { LLM_CATALOG_FILE: catalog },
      services: ['llm', 'embedding', 'guardrails', 'ledger'],
    });
    admin = apiClient(system.baseUrl, system.adminKey);
    teamId = (await admin.createTeam({ name: uniqueName('model-kinds') })).id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const keyCreation = (models: string[]) =>
    admin.call<Record<string, unknown>>('POST', '/v1/admin/keys', {
      name: uniqueName('key'),
      team_id: teamId,
      models,
    });
  const keyFor = async (models: string[]) => {
    const created = await keyCreation(models);
    expect(created.status).toBe(201);
    return apiClient(system.baseUrl, created.body.key as string);
  };

  it('GET /v1/models lists chat models, aliases and embedding models in OpenAI list shape', async () => {
    const client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['local/echo', 'fast', 'local/embed']));
    const raw = await admin.call<ModelListBody>('GET', '/v1/models');
    expect(raw.body.object).toBe('list');
    expect(raw.body.data.every((model) => model.object === 'model')).toBe(true);
  });

  it('GET /v1/models/{id} answers ids with a slash, embedding models included', async () => {
    const client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
    expect(await client.models.retrieve('local/embed')).toMatchObject({
      id: 'local/embed',
      object: 'model',
      owned_by: 'local',
    });
    const raw = await admin.call<Record<string, unknown>>('GET', '/v1/models/local/embed');
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ id: 'local/embed', object: 'model' });
    const missing = await admin.call<{ error: Record<string, unknown> }>(
      'GET',
      '/v1/models/local/nothing',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'model_not_found' });
    expect(missing.body.error.request_id).toBe(missing.headers.get('x-request-id'));
  });

  it('a key may be limited to an embedding model: embeddings pass, chat is refused', async () => {
    const client = await keyFor(['local/embed']);
    const embedded = await client.call<{ data: unknown[] }>('POST', '/v1/embeddings', embed);
    expect(embedded.status).toBe(200);
    expect(embedded.body.data).toHaveLength(1);
    const chat = await client.chat(hello);
    expect(chat.status).toBe(403);
    expect(chat.body).toMatchObject({ error: { code: 'model_not_allowed' } });
    const listed = await client.call<ModelListBody>('GET', '/v1/models');
    expect(listed.body.data.map((model) => model.id)).toEqual(['local/embed']);
    expect((await client.call('GET', '/v1/models/local/echo')).status).toBe(404);
  });

  it('a key without an embedding model in its allow-list is refused embeddings with 403', async () => {
    const client = await keyFor(['local/echo']);
    expect((await client.chat(hello)).status).toBe(200);
    const refused = await client.call<{ error: Record<string, unknown> }>(
      'POST',
      '/v1/embeddings',
      embed,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
  });

  it('an allow-list may name aliases and mix kinds; an unknown name is a 400 naming it', async () => {
    const client = await keyFor(['fast', 'local/embed']);
    expect((await client.chat({ ...hello, model: 'fast' })).status).toBe(200);
    expect((await client.call('POST', '/v1/embeddings', embed)).status).toBe(200);

    const typo = await keyCreation(['local/echo', 'local/embedd']);
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({
      error: { code: 'unknown_model', param: 'models[1]' },
    });
    expect(JSON.stringify(typo.body)).toMatch(/known models: local\/echo, fast, local\/embed\./);
  });

  // Last: it stops the embedding service.
  it('with the embedding service down, chat models are still listed and allowed, embedding names are not judged', async () => {
    await system.stop('embedding');
    const listed = await admin.call<ModelListBody>('GET', '/v1/models');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((model) => model.id)).toEqual(['local/echo', 'fast']);
    expect((await keyCreation(['local/echo'])).status).toBe(201);
    // It may well exist: the service that knows is not answering, so this is no typo.
    const unjudged = await keyCreation(['local/embed']);
    expect(unjudged.status).toBe(503);
  });
});
