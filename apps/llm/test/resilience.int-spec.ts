import { ModelDirectory, quoteChain, snapshotModels } from '@conduit/catalog';
import { loadConfig } from '@conduit/config';
import { Subjects, type LlmChatCompleteRequest } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import { FakeOpenAIServer, startTestBus, type TestBus } from '@conduit/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { LlmConfigSchema } from '../src/config/llm-config.schema';
import { chatPayload, streamEvents } from './support/stream-events';

const LONG_TIMEOUT = 20_000;

/**
 * The llm service in-process on real NATS, routing between two wire-faithful fake OpenAI
 * deployments: retries, Retry-After, fallbacks, circuit breakers and timeouts, end to end.
 */
describe('llm routing resilience over NATS', () => {
  let bus: TestBus;
  let client: MessagingClient;
  let primary: FakeOpenAIServer;
  let backup: FakeOpenAIServer;
  // Accepts TCP connections and never answers the TLS handshake: only a connect timeout ends it.
  let blackhole: Server;

  beforeAll(async () => {
    primary = await FakeOpenAIServer.start({ apiKey: 'sk-primary' });
    backup = await FakeOpenAIServer.start({ apiKey: 'sk-backup' });
    blackhole = createServer(() => undefined);
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const blackholePort = (blackhole.address() as AddressInfo).port;
    bus = await startTestBus();
    const dir = mkdtempSync(join(tmpdir(), 'llm-resilience-'));
    const catalogPath = join(dir, 'models.yaml');
    writeFileSync(
      catalogPath,
      `
defaults:
  retry: { max_attempts: 3, initial_delay_ms: 20, max_delay_ms: 100, deadline_ms: 5000 }
  timeouts: { first_token_ms: 400, total_ms: 2000 }
  circuit_breaker: { failure_rate: 0.5, minimum_requests: 100, window_ms: 10000, open_ms: 400 }
providers:
  primary: { type: openai-compatible, base_url: "${primary.baseUrl}", api_key_env: PRIMARY_KEY }
  backup: { type: openai-compatible, base_url: "${backup.baseUrl}", api_key_env: BACKUP_KEY }
  fragile:
    type: openai-compatible
    base_url: "${primary.baseUrl}"
    api_key_env: PRIMARY_KEY
    circuit_breaker: { minimum_requests: 2, failure_rate: 0.5, open_ms: 600 }
  blackhole:
    type: openai-compatible
    base_url: "https://127.0.0.1:${blackholePort}/v1"
    connect_timeout_ms: 300
models:
  - id: blackhole/mini
    provider: blackhole
    upstream_model: gpt-4o-mini
    retry: { max_attempts: 1 }
    prices: [{ input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.6 }]
  - id: primary/mini
    provider: primary
    upstream_model: gpt-4o-mini
    aliases: [fast]
    fallbacks: [backup/mini]
    prices: [{ input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.6 }]
  - id: backup/mini
    provider: backup
    upstream_model: gpt-4o-mini
    prices: [{ input_usd_per_mtok: 1, output_usd_per_mtok: 4 }]
  - id: primary/lonely
    provider: primary
    upstream_model: gpt-4o
    prices: [{ input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.6 }]
    retry: { max_attempts: 1 }
  - id: fragile/mini
    provider: fragile
    upstream_model: gpt-4o-mini
    retry: { max_attempts: 1 }
    prices: [{ input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.6 }]
    fallbacks: [backup/mini]
`,
    );
    const env = {
      ...bus.env,
      LLM_CATALOG_FILE: catalogPath,
      PRIMARY_KEY: 'sk-primary',
      BACKUP_KEY: 'sk-backup',
    };
    await bus.boot(AppModule.forRoot(loadConfig(LlmConfigSchema, env), env));
    client = bus.client;
  });

  afterAll(async () => {
    await bus?.close();
    await primary?.stop();
    await backup?.stop();
    blackhole?.close();
  });

  beforeEach(() => {
    primary.reset();
    backup.reset();
  });

  const complete = (payload: LlmChatCompleteRequest) =>
    client.request(Subjects.llmChatComplete, payload, { timeoutMs: LONG_TIMEOUT });
  const chatRequests = (fake: FakeOpenAIServer) =>
    fake.requests.filter((request) => request.path.startsWith('/v1/chat/completions')).length;

  it('retries a 429 after the Retry-After the provider asked for, then a 500, then succeeds', async () => {
    primary.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 1 }, { kind: 'serverError' });
    const startedAt = Date.now();
    const { completion, charge } = await complete(chatPayload('fast', 'hello again'));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(completion.model).toBe('primary/mini');
    expect(charge.model).toBe('primary/mini');
    expect(chatRequests(primary)).toBe(3);
    expect(chatRequests(backup)).toBe(0);
  });

  it('falls back when retries are exhausted, and charges at the serving model’s price', async () => {
    primary.enqueueFault(
      { kind: 'serverError', status: 503 },
      { kind: 'serverError', status: 502 },
      { kind: 'serverError' },
    );
    const { completion, charge } = await complete(chatPayload('primary/mini', 'fall back'));
    expect(completion.model).toBe('backup/mini');
    expect(charge).toMatchObject({ model: 'backup/mini', priceVersion: 'backup/mini@1970-01-01' });
    // $1 in, $4 out per million tokens, rounded up.
    const { prompt_tokens: input, completion_tokens: output } = completion.usage;
    expect(charge.costMicroUsd).toBe(Math.ceil(input * 1 + output * 4));
    expect(chatRequests(primary)).toBe(3);
    expect(chatRequests(backup)).toBe(1);
  });

  it('skips fallbacks the caller may not use', async () => {
    primary.enqueueFault({ kind: 'serverError' }, { kind: 'serverError' }, { kind: 'serverError' });
    await expect(
      complete({ ...chatPayload('fast', 'x'), allowedModels: ['fast'] }),
    ).rejects.toMatchObject({ type: 'provider_error', details: { upstream_status: 500 } });
    expect(chatRequests(backup)).toBe(0);
  });

  it("never retries nor falls back on the caller's own mistake", async () => {
    primary.enqueueFault({
      kind: 'status',
      status: 400,
      body: {
        error: {
          message: 'bad tool schema',
          type: 'invalid_request_error',
          param: 'tools',
          code: null,
        },
      },
    });
    await expect(complete(chatPayload('primary/mini', 'x'))).rejects.toMatchObject({
      type: 'validation_error',
    });
    expect(chatRequests(primary)).toBe(1);
    expect(chatRequests(backup)).toBe(0);
  });

  it('refuses a prompt beyond the context window before calling anyone', async () => {
    const huge = 'lorem ipsum '.repeat(70_000);
    await expect(complete(chatPayload('primary/mini', huge))).rejects.toMatchObject({
      type: 'context_length_exceeded',
      code: 'context_length_exceeded',
      details: { context_window: 128_000 },
    });
    expect(chatRequests(primary) + chatRequests(backup)).toBe(0);
  });

  it('turns a hung upstream into a timeout error, not a hung caller', async () => {
    primary.enqueueFault({ kind: 'hang' });
    await expect(complete(chatPayload('primary/lonely', 'x'))).rejects.toMatchObject({
      type: 'timeout',
      code: 'provider_timeout',
    });
  });

  it('gives up on a handshake that never completes after the connect timeout, not the total one', async () => {
    const failure = complete(chatPayload('blackhole/mini', 'anyone there?'));
    await expect(failure).rejects.toMatchObject({ type: 'timeout', code: 'provider_timeout' });
    // The transport's connect timeout ended it ("did not answer in time"), before the model's
    // 2 s total timeout could ("did not finish within 2000 ms").
    await expect(failure).rejects.toThrow(/did not answer in time/);
  });

  it('retries a stream whose first token is late, before anything reached the client', async () => {
    primary.enqueueFault({ kind: 'delayFirstByte', ms: 1500 });
    const { events, accepted } = await streamEvents(client, chatPayload('primary/mini', 'late'));
    expect(accepted.model).toBe('primary/mini');
    expect(events.at(-1)).toMatchObject({ kind: 'end', finishReason: 'stop' });
    expect(chatRequests(primary)).toBe(2);
  });

  it('never retries a stream cut after its first chunk: the client gets an error event with the usage so far', async () => {
    primary.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 3 });
    const { events } = await streamEvents(client, chatPayload('primary/mini', 'cut me off please'));
    const last = events.at(-1)!;
    expect(last).toMatchObject({ kind: 'error', error: { type: 'provider_error' } });
    expect(last.kind === 'error' && last.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(chatRequests(primary)).toBe(1);
    expect(chatRequests(backup)).toBe(0);
  });

  it('opens the breaker after failures, serves from the fallback meanwhile, and closes after a good probe', async () => {
    const circuit = async () => {
      const health = await client.request(Subjects.llmHealthCheck, {});
      return health.components['circuit.fragile']?.detail ?? '';
    };
    expect(await circuit()).toMatch(/^closed/);
    primary.enqueueFault({ kind: 'serverError' }, { kind: 'serverError' });
    for (let i = 0; i < 2; i++) {
      const { completion } = await complete(chatPayload('fragile/mini', `fail ${i}`));
      expect(completion.model).toBe('backup/mini');
    }
    expect(await circuit()).toMatch(/^open/);
    const seenByPrimary = chatRequests(primary);
    const { completion } = await complete(chatPayload('fragile/mini', 'while open'));
    expect(completion.model).toBe('backup/mini');
    // The open breaker kept the call away from the failing deployment.
    expect(chatRequests(primary)).toBe(seenByPrimary);

    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await circuit()).toMatch(/^half-open/);
    const probe = await complete(chatPayload('fragile/mini', 'probe'));
    expect(probe.completion.model).toBe('fragile/mini');
    expect(await circuit()).toMatch(/^closed/);
  });

  it('says so when every model of the chain is behind an open breaker', async () => {
    primary.enqueueFault({ kind: 'serverError' }, { kind: 'serverError' });
    for (let i = 0; i < 2; i++) {
      await expect(
        complete({ ...chatPayload('fragile/mini', `fail ${i}`), allowedModels: ['fragile/mini'] }),
      ).rejects.toMatchObject({ type: 'provider_error' });
    }
    await expect(
      complete({ ...chatPayload('fragile/mini', 'x'), allowedModels: ['fragile/mini'] }),
    ).rejects.toMatchObject({
      type: 'service_unavailable',
      code: 'circuit_open',
      details: { deployment: 'fragile' },
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await complete(chatPayload('fragile/mini', 'recovered'));
  });

  it('counts streams cut after their first chunk against the breaker, though they are not retried', async () => {
    primary.enqueueFault(
      { kind: 'disconnectAfterChunks', chunks: 2 },
      { kind: 'disconnectAfterChunks', chunks: 2 },
    );
    for (let i = 0; i < 2; i++) {
      const { events } = await streamEvents(client, chatPayload('fragile/mini', `cut ${i}`));
      expect(events.at(-1)).toMatchObject({ kind: 'error' });
    }
    const health = await client.request(Subjects.llmHealthCheck, {});
    expect(health.components['circuit.fragile']?.detail).toMatch(/^open/);
    const { completion } = await complete(chatPayload('fragile/mini', 'after the cuts'));
    expect(completion.model).toBe('backup/mini');
  });

  /**
   * The contract of pricing at the edge: the gateway quotes from the catalog snapshot with
   * `@conduit/catalog`; that must give what `llm.v1.chat.quote` gives, for every name (ids,
   * aliases, bare upstream ids), fallback chain and allow-list.
   */
  it('quotes from its catalog snapshot exactly as llm.v1.chat.quote does', async () => {
    const snapshot = await client.request(Subjects.llmCatalogSnapshot, {});
    expect(snapshot.models.map((model) => model.id)).toContain('primary/mini');
    const directory = new ModelDirectory(snapshotModels(snapshot));
    const cases: Array<[string, Record<string, unknown>, string[] | null]> = [
      ['fast', {}, null],
      ['fast', { max_tokens: 50, n: 2 }, null],
      ['fast', {}, ['fast']],
      ['primary/mini', { max_completion_tokens: 7 }, null],
      ['gpt-4o', {}, null],
      [
        'fragile/mini',
        { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] },
        null,
      ],
      ['backup/mini', {}, ['backup/mini', 'primary/mini']],
    ];
    for (const [model, extra, allowedModels] of cases) {
      const request = { ...chatPayload(model, 'How much is this?').request, ...extra };
      const fromLlm = await client.request(Subjects.llmChatQuote, {
        requestId: `quote-${model}`,
        request,
        allowedModels,
      });
      const atEdge = quoteChain(directory.chainFor(model, allowedModels), request, new Date());
      expect(atEdge).toEqual(fromLlm);
    }
    // A bare upstream id two deployments share names neither, at the edge as in the llm.
    expect(() => directory.resolve('gpt-4o-mini')).toThrow(/does not exist/);
    await expect(
      client.request(Subjects.llmChatQuote, {
        requestId: 'quote-ambiguous',
        request: chatPayload('gpt-4o-mini', 'x').request,
      }),
    ).rejects.toMatchObject({ code: 'model_not_found' });
  });
});
