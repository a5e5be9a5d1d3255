import { loadConfig } from '@conduit/config';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '../src/app.factory';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import { toRateLimitHeaders } from '../src/rate-limit/rate-limit-headers.mapper';
import { apiClient } from './support/api';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

const ALLOWED = 'https://app.example.com';
const ALSO_ALLOWED = 'http://localhost:5173';
const OTHER = 'https://evil.example.net';

/** What the OpenAI and Anthropic browser SDKs ask a preflight for (as browsers send it). */
const SDK_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-dangerous-direct-browser-access',
  'openai-organization',
  'openai-project',
  'x-stainless-arch',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
];

const preflight = (baseUrl: string, path: string, origin: string, headers = SDK_HEADERS) =>
  fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers.join(','),
    },
  });

const listOf = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/** Every `access-control-allow-*` header of a response. */
const allowHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-allow'));

describe('CORS (e2e)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: {
        GATEWAY_CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}/`,
        // Small, so a 413 is cheap to provoke.
        GATEWAY_MAX_BODY_BYTES: String(64 * 1024),
      },
    });
  }, 60_000);

  afterAll(() => system?.close());

  it('answers a preflight from an allowed origin with 204 and what the SDKs need, without a key', async () => {
    const response = await preflight(system.baseUrl, '/v1/chat/completions', ALLOWED);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(listOf(response.headers.get('access-control-allow-methods'))).toEqual(
      expect.arrayContaining(['get', 'post', 'delete']),
    );
    expect(listOf(response.headers.get('access-control-allow-headers')).sort()).toEqual(
      [...SDK_HEADERS].sort(),
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(listOf(response.headers.get('vary'))).toContain('origin');
    // No cookies are ever involved: the key is the credential.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();

    // The second origin, listed with a trailing slash, is allowed as browsers send it.
    const other = await preflight(system.baseUrl, '/v1/messages', ALSO_ALLOWED);
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBe(ALSO_ALLOWED);
  });

  it('allows only the request headers it accepts (the browser then fails the preflight)', async () => {
    const response = await preflight(system.baseUrl, '/v1/chat/completions', ALLOWED, [
      'Authorization',
      'X-Stainless-Helper-Method',
      'x-forwarded-for',
      'cookie-monster',
    ]);
    expect(response.status).toBe(204);
    expect(listOf(response.headers.get('access-control-allow-headers'))).toEqual([
      'authorization',
      'x-stainless-helper-method',
    ]);
  });

  it('refuses a preflight from another origin with 403, in OpenAI shape, and no allow header', async () => {
    const response = await preflight(system.baseUrl, '/v1/chat/completions', OTHER);
    expect(response.status).toBe(403);
    expect(allowHeaders(response)).toEqual([]);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      type: 'permission_denied',
      code: 'cors_origin_not_allowed',
      request_id: response.headers.get('x-request-id'),
    });
    expect(body.error.message).toContain(OTHER);
    // An origin differing only in scheme or port is another origin.
    for (const near of ['http://app.example.com', 'https://app.example.com:8443']) {
      expect((await preflight(system.baseUrl, '/v1/models', near)).status).toBe(403);
    }
  });

  it('serves actual requests from other origins, without letting the page read them', async () => {
    const response = await fetch(`${system.baseUrl}/v1/models`, {
      headers: { origin: OTHER, authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(response.status).toBe(200);
    expect(allowHeaders(response)).toEqual([]);
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
    expect(listOf(response.headers.get('vary'))).toContain('origin');
  });

  const exposed = (response: Response) =>
    listOf(response.headers.get('access-control-expose-headers'));

  it('exposes the request id, x-conduit-* and the rate-limit headers on a JSON answer', async () => {
    const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        origin: ALLOWED,
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(listOf(response.headers.get('vary'))).toContain('origin');
    const rateLimitHeaders = Object.keys(
      toRateLimitHeaders({ rpm: 1, tpm: 1 }, { used: 0, resetMs: 0 }, { used: 0, resetMs: 0 }),
    );
    expect(rateLimitHeaders).toHaveLength(6);
    expect(exposed(response)).toEqual(
      expect.arrayContaining([
        'x-request-id',
        'request-id',
        'x-conduit-served-by',
        'x-conduit-cost-usd',
        'x-conduit-guardrails',
        'x-conduit-cache',
        'retry-after',
        ...rateLimitHeaders,
      ]),
    );
    // Every x-conduit-* header the answer carries is among them.
    for (const name of response.headers.keys()) {
      if (name.startsWith('x-conduit-')) expect(exposed(response)).toContain(name);
    }
    expect(response.headers.get('x-conduit-served-by')).toBe('local/echo');
  });

  it('puts the CORS headers on an SSE stream (a hijacked reply)', async () => {
    const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        origin: ALLOWED,
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'local/echo',
        stream: true,
        messages: [{ role: 'user', content: 'streamed hello' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(exposed(response)).toEqual(
      expect.arrayContaining(['x-request-id', 'x-conduit-served-by']),
    );
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
  });

  it('puts them on errors too: an early 401, a 404, a 413', async () => {
    const unauthenticated = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(exposed(unauthenticated)).toContain('x-request-id');

    const unknown = await fetch(`${system.baseUrl}/v1/nothing-here`, {
      headers: { origin: ALLOWED, authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const tooLarge = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        origin: ALLOWED,
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'local/echo',
        messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }],
      }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(exposed(tooLarge)).toContain('x-request-id');
    expect(((await tooLarge.json()) as { error: { request_id: string } }).error.request_id).toBe(
      tooLarge.headers.get('x-request-id'),
    );
  });

  it('the admin API (PUT, PATCH, DELETE) preflights too', async () => {
    const response = await fetch(`${system.baseUrl}/v1/admin/keys/some-key`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(listOf(response.headers.get('access-control-allow-methods'))).toContain('delete');
    // A plain OPTIONS (not a preflight) is routed as before.
    const plain = await fetch(`${system.baseUrl}/v1/models`, { method: 'OPTIONS' });
    expect(plain.status).toBe(404);
    // The admin API still needs the key once the preflight passed.
    const admin = apiClient(system.baseUrl, 'sk-cnd-not-a-key');
    expect((await admin.call('GET', '/v1/admin/teams')).status).toBe(401);
  });
});

describe('CORS by default (GATEWAY_CORS_ORIGINS unset)', () => {
  let gateway: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    // A gateway alone on its own subjects: no service is needed to answer these.
    gateway = await createGatewayApp(
      loadConfig(GatewayConfigSchema, {
        NATS_URL: await natsUrlForTests(),
        NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
        CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
        LOG_LEVEL: 'warn',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    const address = gateway.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 60_000);

  afterAll(async () => {
    gateway?.getHttpServer().closeAllConnections();
    await gateway?.close();
  });

  it('sends no CORS header at all, and refuses preflights with 403', async () => {
    const refused = await preflight(baseUrl, '/v1/chat/completions', ALLOWED);
    expect(refused.status).toBe(403);
    expect(allowHeaders(refused)).toEqual([]);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'GATEWAY_CORS_ORIGINS',
    );

    const live = await fetch(`${baseUrl}/health/live`, { headers: { origin: ALLOWED } });
    expect(live.status).toBe(200);
    const corsHeaders = [...live.headers.keys()].filter(
      (name) => name.startsWith('access-control-') || name === 'vary',
    );
    expect(corsHeaders).toEqual([]);
  });
});
