import { connect, type Socket } from 'node:net';
import { apiClient, eventually, uniqueName, type ApiClient } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

const BODY_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_500;
const MAX_CONNECTIONS_PER_IP = 40;

/** One raw HTTP/1.1 exchange: what the server wrote before closing (or `waitMs` passed). */
function rawExchange(
  baseUrl: string,
  write: (socket: Socket) => void,
  waitMs = 10_000,
): Promise<{ text: string; closed: boolean; elapsedMs: number }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const socket = connect(Number(port), hostname);
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, elapsedMs: Date.now() - startedAt });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('connect', () => write(socket));
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}

/** The body of a raw response must be OpenAI's error shape with a request id. */
function expectOpenAIError(raw: string, type: string, code?: string): void {
  const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as {
    error: { type: string; code: string | null; request_id: string; message: string };
  };
  expect(body.error.type).toBe(type);
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.request_id).toMatch(/^req_[0-9a-f]{32}$/);
  expect(raw.toLowerCase()).toContain(`x-request-id: ${body.error.request_id}`);
}

/**
 * The HTTP edge under hostile clients: every status the server produces is in OpenAI's shape
 * with a request id, slow clients are cut off, one address cannot hold every connection, and
 * bad identifiers and expired keys are refused at the edge instead of failing in a store.
 */
describe('hostile input at the HTTP edge (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;

  beforeAll(async () => {
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger', 'embedding', 'retrieval'],
      env: {
        GATEWAY_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
        GATEWAY_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        GATEWAY_MAX_CONNECTIONS_PER_IP: String(MAX_CONNECTIONS_PER_IP),
      },
    });
    admin = apiClient(system.baseUrl, system.adminKey);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('answers headers over the size limit with 431 in OpenAI shape', async () => {
    const { text } = await rawExchange(system.baseUrl, (socket) =>
      socket.write(
        `GET /v1/models HTTP/1.1\r\nHost: x\r\nx-padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    expect(statusOf(text)).toBe(431);
    expectOpenAIError(text, 'validation_error', 'headers_too_large');
  });

  it('answers a malformed request line with 400 in OpenAI shape', async () => {
    const { text } = await rawExchange(system.baseUrl, (socket) => socket.write('GARBAGE\r\n\r\n'));
    expect(statusOf(text)).toBe(400);
    expectOpenAIError(text, 'validation_error', 'malformed_request');
  });

  it('answers an over-long path parameter with 414 in OpenAI shape', async () => {
    const response = await admin.call('GET', `/v1/collections/${'c'.repeat(500)}`);
    expect(response.status).toBe(414);
    const body = response.body as { error: { type: string; code: string; request_id: string } };
    expect(body.error).toMatchObject({ type: 'validation_error', code: 'url_too_long' });
    expect(response.headers.get('x-request-id')).toBe(body.error.request_id);
  });

  it('refuses JSON nested past the depth limit with 400 instead of overflowing a validator', async () => {
    // Written as text: JSON.stringify itself overflows on a value this deep.
    const depth = 10_000;
    const schema = '{"type":"object","properties":{"a":'.repeat(depth) + '{}' + '}}'.repeat(depth);
    const raw = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.adminKey}`, 'content-type': 'application/json' },
      body:
        '{"model":"local/echo","messages":[{"role":"user","content":"hi"}],' +
        `"response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":${schema}}}}`,
    });
    const response = { status: raw.status, body: await raw.json() };
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { type: 'validation_error', code: 'json_too_deep' },
    });
  });

  it('refuses a /v1 request without a key before reading its body, and closes the socket', async () => {
    const { text, closed, elapsedMs } = await rawExchange(system.baseUrl, (socket) =>
      // Announces a body it never sends: only an answer before the body can come back.
      socket.write(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
          'content-length: 100000\r\n\r\n{"model":',
      ),
    );
    expect(statusOf(text)).toBe(401);
    expectOpenAIError(text, 'authentication_error', 'missing_api_key');
    expect(closed).toBe(true);
    expect(elapsedMs).toBeLessThan(BODY_TIMEOUT_MS);
  });

  it('cuts off an authenticated client that sends its body too slowly (408)', async () => {
    const { text, closed, elapsedMs } = await rawExchange(system.baseUrl, (socket) => {
      socket.write(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
          `authorization: Bearer ${system.adminKey}\r\ncontent-length: 1000\r\n\r\n{"model":`,
      );
      const drip = setInterval(() => (socket.writable ? socket.write(' ') : undefined), 200);
      socket.on('close', () => clearInterval(drip));
    });
    expect(closed).toBe(true);
    expect(statusOf(text)).toBe(408);
    expectOpenAIError(text, 'timeout', 'request_timeout');
    expect(elapsedMs).toBeLessThan(BODY_TIMEOUT_MS + 3_000);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const { closed, elapsedMs } = await rawExchange(system.baseUrl, (socket) =>
      socket.write('GET /v1/models HTTP/1.1\r\nHost: x\r\n'),
    );
    expect(closed).toBe(true);
    expect(elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
  });

  it('honours Connection: close on a streamed answer', async () => {
    const body = JSON.stringify({
      model: 'local/echo',
      stream: true,
      messages: [{ role: 'user', content: 'stream and close' }],
    });
    const { text, closed } = await rawExchange(system.baseUrl, (socket) =>
      socket.write(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nconnection: close\r\n' +
          `authorization: Bearer ${system.adminKey}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    expect(statusOf(text)).toBe(200);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('data: [DONE]');
    expect(closed).toBe(true);
  });

  it('caps the connections one address holds; the rest get 429 in OpenAI shape', async () => {
    const { hostname, port } = new URL(system.baseUrl);
    const held: Socket[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS_PER_IP; i++) {
        held.push(
          await new Promise<Socket>((resolve) => {
            const socket = connect(Number(port), hostname, () => resolve(socket));
            socket.on('error', () => undefined);
          }),
        );
      }
      const { text, closed } = await rawExchange(system.baseUrl, (socket) =>
        socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      expect(closed).toBe(true);
      expect(statusOf(text)).toBe(429);
      expectOpenAIError(text, 'rate_limit_exceeded', 'too_many_connections');
    } finally {
      for (const socket of held) socket.destroy();
    }
    // Once they are gone, the address is served again.
    await eventually(
      () => fetch(`${system.baseUrl}/health/live`).then((response) => response.status),
      (status) => status === 200,
    );
  });

  it('refuses NUL and control characters in names and ids with 400, not a 500 or 503', async () => {
    const team = await admin.call('POST', '/v1/admin/teams', { name: 'evil\u0000team' });
    expect(team.status).toBe(400);
    expect(team.body).toMatchObject({ error: { type: 'validation_error', param: 'name' } });

    const collection = uniqueName('nul');
    expect((await admin.call('POST', '/v1/collections', { name: collection })).status).toBe(200);
    const document = await admin.call('POST', `/v1/collections/${collection}/documents`, {
      id: 'doc\u0000one',
      text: 'hello',
    });
    expect(document.status).toBe(400);
    expect(JSON.stringify(document.body)).not.toMatch(/pglite|qdrant|vector store/i);
    const metadata = await admin.call('POST', `/v1/collections/${collection}/documents`, {
      id: 'doc-two',
      text: 'hello',
      metadata: { tag: 'a\u0000b' },
    });
    expect(metadata.status).toBe(400);
  });

  it('refuses to create a key that has already expired', async () => {
    const team = await admin.createTeam({ name: uniqueName('team') });
    const response = await admin.call('POST', '/v1/admin/keys', {
      name: uniqueName('key'),
      team_id: team.id,
      expires_at: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { type: 'validation_error', code: 'expires_at_in_past', param: 'expires_at' },
    });
  });

  it('sends x-ratelimit-* headers with a 429', async () => {
    const team = await admin.createTeam({ name: uniqueName('team') });
    const key = await admin.createKey({ name: uniqueName('key'), team_id: team.id, rpm: 1 });
    const client = apiClient(system.baseUrl, key.key);
    const request = { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] };
    expect((await client.chat(request)).status).toBe(200);
    const refused = await client.chat(request);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?(ms|s)$|m/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('holds at least what a request with the guardrails canary is charged', async () => {
    const team = await admin.createTeam({ name: uniqueName('team') });
    const key = await admin.createKey({
      name: uniqueName('key'),
      team_id: team.id,
      budget: { amount_usd: 10, period: 'monthly' },
      guardrails: { canary: true, system_prompt_leak: 'flag' },
    });
    const client = apiClient(system.baseUrl, key.key);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await client.chat({
        model: 'local/echo',
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: `short question ${i}` },
        ],
      });
      expect(response.status).toBe(200);
      ids.push(response.headers.get('x-request-id') ?? '');
    }
    const rows = await eventually(
      () =>
        system.query<{ request_id: string; held: string; cost: string }>(
          `SELECT u.request_id, r.amount::text AS held, u.cost::text AS cost
             FROM usage_events u JOIN reservations r USING (request_id)
            WHERE u.request_id = ANY($1)`,
          [ids],
        ),
      (found) => found.length === ids.length,
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect(Number(row.cost)).toBeGreaterThan(0);
      expect(Number(row.held)).toBeGreaterThanOrEqual(Number(row.cost));
    }
  });
});
