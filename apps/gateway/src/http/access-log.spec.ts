import Fastify, { type FastifyInstance } from 'fastify';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { setPrincipal } from '../auth/principal';
import { accessLogHooks, noteAccessLogUsage, type AccessLogLine } from './access-log';

type Line = AccessLogLine & { level: number; msg: string };

/** A bare Fastify server with the access-log hooks and routes shaped like the gateway's. */
async function serverWith(
  mode: 'off' | 'errors' | 'all',
  rate = 1,
  random: () => number = Math.random,
): Promise<{ app: FastifyInstance; url: string; lines: Line[]; next: () => Promise<Line> }> {
  const lines: Line[] = [];
  const waiting: Array<(line: Line) => void> = [];
  const logger = pino(
    { level: 'info' },
    {
      write(text: string) {
        const line = JSON.parse(text) as Line;
        const waiter = waiting.shift();
        if (waiter) waiter(line);
        else lines.push(line);
      },
    },
  );
  const app = Fastify();
  const hooks = accessLogHooks(
    { GATEWAY_ACCESS_LOG: mode, GATEWAY_ACCESS_LOG_SAMPLE_RATE: rate },
    logger,
    random,
  );
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('onSend', hooks.onSend);
  app.post('/v1/chat/completions', async (request, reply) => {
    setPrincipal(request, {
      kind: 'key',
      key: {
        keyId: 'key_1',
        name: 'k',
        teamId: 'team_1',
        userId: null,
        models: null,
        rpm: null,
        tpm: null,
        expiresAt: null,
        budgeted: false,
        requestLogRetentionDays: 0,
        guardrails: null,
      } as never,
    });
    void reply
      .header('x-conduit-served-by', 'local/echo')
      .header('x-conduit-cost-usd', '0.000042')
      .header('x-conduit-cache', 'hit');
    return {
      id: 'chatcmpl-1',
      model: 'local/echo',
      choices: [{ message: { role: 'assistant', content: 'the secret answer' } }],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    };
  });
  app.post('/v1/messages', (_request, reply) =>
    reply.send({
      model: 'claude-x',
      content: [{ type: 'text', text: 'hello' }],
      usage: { input_tokens: 5, output_tokens: 3 },
    }),
  );
  app.get('/v1/admin/teams', (request, reply) => {
    setPrincipal(request, { kind: 'admin' });
    return reply.send({ data: [] });
  });
  app.get('/v1/models/*', async (request, reply) => reply.status(404).send({ error: {} }));
  app.post('/v1/stream', (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'x-conduit-served-by': 'local/echo',
    });
    reply.raw.write('data: {"choices":[{"delta":{"content":"streamed secret"}}]}\n\n');
    noteAccessLogUsage(request, { inputTokens: 4, outputTokens: 2, costUsd: 0.001 });
    if ((request.query as { hang?: string }).hang === undefined) reply.raw.end('data: [DONE]\n\n');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const next = () =>
    new Promise<Line>((resolve, reject) => {
      const ready = lines.shift();
      if (ready) return resolve(ready);
      const timer = setTimeout(() => reject(new Error('no access-log line')), 2_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  return { app, url, lines, next };
}

const KEY = `sk-cnd-ABCDE${'x'.repeat(35)}`;

describe('access log', () => {
  let server: Awaited<ReturnType<typeof serverWith>>;
  afterEach(() => server?.app.close());

  it('writes one line per request: route pattern, status, duration, model, tokens, cost, cache, key prefix', async () => {
    server = await serverWith('all');
    const response = await fetch(`${server.url}/v1/chat/completions?user=someone`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'the secret prompt' }] }),
    });
    expect(response.status).toBe(200);
    const line = await server.next();
    expect(line).toMatchObject({
      level: 30,
      log: 'access',
      request_id: response.headers.get('x-request-id'),
      method: 'POST',
      route: '/v1/chat/completions',
      status: 200,
      model: 'local/echo',
      input_tokens: 11,
      output_tokens: 7,
      cost_usd: 0.000042,
      cache: 'hit',
      key_prefix: 'sk-cnd-ABCDE',
      key_id: 'key_1',
      team_id: 'team_1',
      msg: 'POST /v1/chat/completions 200',
    });
    expect(line.duration_ms).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(line);
    expect(text).not.toContain('secret');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('someone');
    expect(server.lines).toEqual([]);
  });

  it("reads an Anthropic answer's usage, and logs the pattern of a parameterised route", async () => {
    server = await serverWith('all');
    await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'short' } });
    expect(await server.next()).toMatchObject({
      route: '/v1/messages',
      model: 'claude-x',
      input_tokens: 5,
      output_tokens: 3,
      cost_usd: null,
      cache: null,
      // Not shaped like a virtual key: nothing of it is echoed.
      key_prefix: null,
    });
    await fetch(`${server.url}/v1/models/openai/gpt-4o`);
    expect(await server.next()).toMatchObject({ route: '/v1/models/*', status: 404 });
    await fetch(`${server.url}/nowhere/at/all`);
    expect(await server.next()).toMatchObject({
      route: null,
      status: 404,
      msg: 'GET /nowhere/at/all 404',
    });
  });

  it('logs a hijacked stream when it ends, with what the handler noted', async () => {
    server = await serverWith('all');
    const response = await fetch(`${server.url}/v1/stream`, { method: 'POST' });
    expect(await response.text()).toContain('[DONE]');
    const line = await server.next();
    expect(line).toMatchObject({
      route: '/v1/stream',
      status: 200,
      model: 'local/echo',
      input_tokens: 4,
      output_tokens: 2,
      cost_usd: 0.001,
    });
    expect(line.aborted).toBeUndefined();
    expect(JSON.stringify(line)).not.toContain('streamed secret');
  });

  it('logs a stream the client left as aborted, even in errors-only mode', async () => {
    server = await serverWith('errors');
    const request = httpRequest(`${server.url}/v1/stream?hang`, { method: 'POST' });
    request.end();
    const [response] = (await once(request, 'response')) as [NodeJS.ReadableStream];
    await once(response, 'data');
    request.destroy();
    expect(await server.next()).toMatchObject({ status: 200, aborted: true, route: '/v1/stream' });
  });

  it('samples successes, always keeps errors, and is silent when off', async () => {
    const draws = [0.9, 0.1];
    server = await serverWith('all', 0.5, () => draws.shift() ?? 0);
    await fetch(`${server.url}/v1/messages`, { method: 'POST' }); // 0.9: not sampled
    await fetch(`${server.url}/v1/messages`, { method: 'POST' }); // 0.1: sampled
    await fetch(`${server.url}/v1/models/x`); // an error: kept whatever the draw
    const lines = [await server.next(), await server.next()];
    expect(lines.map((line) => line.status)).toEqual([200, 404]);
    await server.app.close();

    server = await serverWith('errors');
    await fetch(`${server.url}/v1/messages`, { method: 'POST' });
    await fetch(`${server.url}/v1/models/x`);
    expect(await server.next()).toMatchObject({ status: 404 });
    await server.app.close();

    server = await serverWith('off');
    await fetch(`${server.url}/v1/models/x`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.lines).toEqual([]);
  });

  it('logs the admin as admin, never any part of the admin key', async () => {
    server = await serverWith('all');
    await fetch(`${server.url}/v1/admin/teams`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await server.next()).toMatchObject({ key_prefix: 'admin', key_id: null });
  });
});
