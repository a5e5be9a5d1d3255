import { loadConfig } from '@conduit/config';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createGatewayApp } from '../src/app.factory';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import type { AccessLogLine } from '../src/http/access-log';
import { apiClient } from './support/api';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

type Line = AccessLogLine & { level: number; msg: string; service?: string };

/**
 * The access log of a real gateway in a running system: the gateway under test is built here
 * (on the system's bus) with a logger that captures its lines.
 */
describe('access log (e2e)', () => {
  let system: RunningSystem;
  let env: Record<string, string>;
  const gateways: NestFastifyApplication[] = [];

  const gatewayLogging = async (extra: Record<string, string>) => {
    const lines: Line[] = [];
    const logger = pino(
      { level: 'info', base: { service: 'gateway' } },
      { write: (text: string) => lines.push(JSON.parse(text) as Line) },
    );
    const gateway = await createGatewayApp(loadConfig(GatewayConfigSchema, { ...env, ...extra }), {
      accessLogger: logger,
    });
    await gateway.listen(0, '127.0.0.1');
    gateways.push(gateway);
    const address = gateway.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    /** The line of one request, once its response has finished. */
    const lineOf = async (requestId: string | null): Promise<Line> => {
      for (let waited = 0; waited < 2_000; waited += 20) {
        const line = lines.find((candidate) => candidate.request_id === requestId);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no access-log line for ${requestId}`);
    };
    return { baseUrl: `http://127.0.0.1:${port}`, lines, lineOf };
  };

  beforeAll(async () => {
    env = {
      NATS_URL: await natsUrlForTests(),
      NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
      CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'warn',
    };
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger', 'embedding'],
      env: { NATS_SUBJECT_PREFIX: env.NATS_SUBJECT_PREFIX },
    });
  }, 60_000);

  afterAll(async () => {
    for (const gateway of gateways) {
      gateway.getHttpServer().closeAllConnections();
      await gateway.close();
    }
    await system?.close();
  });

  it("logs a virtual key's chat, JSON and streamed, with route, model, tokens, cost and key prefix — never content or the key", async () => {
    const gateway = await gatewayLogging({});
    const admin = apiClient(system.baseUrl, system.adminKey);
    const created = await admin.createKey({
      name: 'access-log',
      team_id: (await admin.createTeam({ name: `access-log-${Date.now()}` })).id,
    });
    const prompt = 'a-very-private-prompt-4711';
    const call = (stream: boolean) =>
      fetch(`${gateway.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'local/echo',
          stream,
          messages: [{ role: 'user', content: prompt }],
        }),
      });

    const json = await call(false);
    expect(json.status).toBe(200);
    const answer = (await json.json()) as {
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const line = await gateway.lineOf(json.headers.get('x-request-id'));
    expect(line).toMatchObject({
      service: 'gateway',
      log: 'access',
      method: 'POST',
      route: '/v1/chat/completions',
      status: 200,
      model: 'local/echo',
      input_tokens: answer.usage.prompt_tokens,
      output_tokens: answer.usage.completion_tokens,
      cost_usd: Number(json.headers.get('x-conduit-cost-usd')),
      cache: json.headers.get('x-conduit-cache'),
      key_prefix: created.key.slice(0, 12),
      key_id: created.id,
    });
    expect(typeof line.duration_ms).toBe('number');
    expect(created.key.startsWith(line.key_prefix ?? '-')).toBe(true);

    const streamed = await call(true);
    expect(await streamed.text()).toContain('[DONE]');
    const streamLine = await gateway.lineOf(streamed.headers.get('x-request-id'));
    expect(streamLine).toMatchObject({
      route: '/v1/chat/completions',
      status: 200,
      model: 'local/echo',
      key_prefix: created.key.slice(0, 12),
      input_tokens: line.input_tokens,
      output_tokens: line.output_tokens,
    });
    expect(streamLine.cost_usd).toBeGreaterThan(0);

    for (const logged of [line, streamLine]) {
      const text = JSON.stringify(logged);
      expect(text).not.toContain(prompt);
      expect(text).not.toContain(created.key);
    }
  });

  it('logs refusals: a missing key, a refused key (its display prefix only), an unknown URL', async () => {
    const gateway = await gatewayLogging({});
    const missing = await fetch(`${gateway.baseUrl}/v1/models`);
    expect(missing.status).toBe(401);
    expect(await gateway.lineOf(missing.headers.get('x-request-id'))).toMatchObject({
      status: 401,
      route: '/v1/models',
      key_prefix: null,
      level: 30,
    });

    const forged = `sk-cnd-Forge${'Z'.repeat(35)}`;
    const refused = await fetch(`${gateway.baseUrl}/v1/models`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(refused.status).toBe(401);
    const refusedLine = await gateway.lineOf(refused.headers.get('x-request-id'));
    expect(refusedLine).toMatchObject({ status: 401, key_prefix: 'sk-cnd-Forge', key_id: null });
    expect(JSON.stringify(refusedLine)).not.toContain(forged);

    const unknown = await fetch(`${gateway.baseUrl}/v2/whatever?secret=1`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(unknown.status).toBe(404);
    const unknownLine = await gateway.lineOf(unknown.headers.get('x-request-id'));
    expect(unknownLine).toMatchObject({ status: 404, route: null, key_prefix: null });
    expect(JSON.stringify(unknownLine)).not.toContain('secret=1');
  });

  it("logs the admin as admin, and an embeddings call's model and tokens from its answer", async () => {
    const gateway = await gatewayLogging({});
    const response = await fetch(`${gateway.baseUrl}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'local/embed', input: 'some private text' }),
    });
    expect(response.status).toBe(200);
    const line = await gateway.lineOf(response.headers.get('x-request-id'));
    expect(line).toMatchObject({
      route: '/v1/embeddings',
      key_prefix: 'admin',
      model: 'local/embed',
      cost_usd: Number(response.headers.get('x-conduit-cost-usd')),
    });
    expect(line.input_tokens).toBeGreaterThan(0);
    expect(JSON.stringify(line)).not.toContain(TEST_ADMIN_KEY.slice(0, 10));
  });

  it('GATEWAY_ACCESS_LOG=errors keeps errors only; off writes nothing', async () => {
    const errorsOnly = await gatewayLogging({ GATEWAY_ACCESS_LOG: 'errors' });
    const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const ok = await fetch(`${errorsOnly.baseUrl}/health/live`);
    const notFound = await fetch(`${errorsOnly.baseUrl}/v1/models/no/such-model`, {
      headers: admin,
    });
    expect([ok.status, notFound.status]).toEqual([200, 404]);
    expect(await errorsOnly.lineOf(notFound.headers.get('x-request-id'))).toMatchObject({
      status: 404,
      route: '/v1/models/*',
    });
    expect(errorsOnly.lines.map((line) => line.status)).toEqual([404]);

    const off = await gatewayLogging({ GATEWAY_ACCESS_LOG: 'off' });
    await fetch(`${off.baseUrl}/v1/models/no/such-model`, { headers: admin });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(off.lines).toEqual([]);
  });

  it('refuses a sample rate outside 0..1 at boot', () => {
    expect(() =>
      loadConfig(GatewayConfigSchema, { ...env, GATEWAY_ACCESS_LOG_SAMPLE_RATE: '1.5' }),
    ).toThrow(/GATEWAY_ACCESS_LOG_SAMPLE_RATE/);
  });
});
