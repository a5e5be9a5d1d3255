import { loadConfig } from '@conduit/config';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import Ajv2020 from 'ajv/dist/2020';
import type { RouteOptions } from 'fastify';
import { createGatewayApp } from '../src/app.factory';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import type { OpenApiDocument, OpenApiResponse } from '../src/openapi/openapi.document';
import { ROUTES } from '../src/openapi/routes';
import { uniqueName } from './support/api';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

/*
 * The OpenAPI document against the gateway itself: (a) every route a booted gateway registers
 * is in /openapi.json (a route without docs fails here) and nothing documented is missing from
 * it; (b) real responses of a running system, one or more per documented operation, validate
 * against the document's schemas and declare the headers they carry; (c) /docs is a page whose
 * bundle comes from the gateway itself.
 */

type Method = 'get' | 'post' | 'put' | 'delete';

interface Received {
  status: number;
  headers: Headers;
  text: string;
}

const DOC_ID = 'conduit-openapi.json';

/** Our headers: every one a response carries must be declared for its status. */
const OWN_HEADER = /^(x-request-id|request-id|x-conduit-.+|x-ratelimit-.+|retry-after)$/;

/** `/v1/collections/:name` → `/v1/collections/{name}`; Fastify's trailing `*` → `{*}`. */
function fromFastify(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
}

/** A documented path as fromFastify writes the registered one. */
function documentedPattern(path: string, wildcard: boolean | undefined): string {
  return wildcard ? path.replace(/\{[^}]+\}$/, '{*}') : path;
}

/** A JSON pointer into the document, as a URI fragment for Ajv. */
function pointer(...segments: string[]): string {
  return (
    '#/' +
    segments
      .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/')
  );
}

describe('OpenAPI document (e2e)', () => {
  let system: RunningSystem;
  let document: OpenApiDocument;
  let ajv: Ajv2020;
  /** `METHOD path` of every documented operation a response of this suite was checked for. */
  const exercised = new Set<string>();

  const request = async (
    method: Method,
    path: string,
    options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Received> => {
    const key = options.key === undefined ? system.adminKey : options.key;
    const response = await fetch(`${system.baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  /** Checks one response against the operation `method documentedPath`; returns its JSON. */
  const conforms = (method: Method, documentedPath: string, received: Received): unknown => {
    const operation = document.paths[documentedPath]?.[method];
    if (!operation) throw new Error(`${method} ${documentedPath} is not documented`);
    const response: OpenApiResponse | undefined = operation.responses[String(received.status)];
    if (!response) {
      throw new Error(
        `${method} ${documentedPath} answered ${received.status}, which is not documented: ${received.text.slice(0, 300)}`,
      );
    }
    const mediaType = (received.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = response.content?.[mediaType];
    if (!media) {
      throw new Error(
        `${method} ${documentedPath} ${received.status}: ${mediaType} is not documented`,
      );
    }
    for (const [name, value] of received.headers) {
      if (!OWN_HEADER.test(name)) continue;
      expect({
        status: received.status,
        header: name,
        declared: !!response.headers?.[name],
      }).toEqual({ status: received.status, header: name, declared: true });
      const headerSchema = ajv.getSchema(
        `${DOC_ID}${pointer('components', 'headers', name, 'schema')}`,
      )!;
      expect({ header: name, value, valid: headerSchema(value) }).toEqual({
        header: name,
        value,
        valid: true,
      });
    }
    const body: unknown =
      mediaType === 'application/json' ? JSON.parse(received.text) : received.text;
    const validate = ajv.getSchema(
      `${DOC_ID}${pointer('paths', documentedPath, method, 'responses', String(received.status), 'content', mediaType, 'schema')}`,
    )!;
    if (!validate(body)) {
      throw new Error(
        `${method} ${documentedPath} ${received.status} does not match its schema: ${ajv.errorsText(validate.errors)}\n${received.text.slice(0, 500)}`,
      );
    }
    exercised.add(`${method} ${documentedPath}`);
    return body;
  };

  /** The `data:` payloads of an SSE body, each checked against the operation's x-sse-data. */
  const conformingChunks = (documentedPath: string, received: Received): unknown[] => {
    conforms('post', documentedPath, received);
    const media =
      document.paths[documentedPath].post.responses['200'].content!['text/event-stream'];
    const chunkRef = (media['x-sse-data'] as { $ref: string }).$ref;
    const validate = ajv.getSchema(`${DOC_ID}${chunkRef}`)!;
    const payloads = received.text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length));
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads.slice(0, -1).map((payload) => JSON.parse(payload) as unknown);
    for (const chunk of chunks) {
      if (!validate(chunk))
        throw new Error(`a chunk does not match: ${ajv.errorsText(validate.errors)}`);
    }
    return chunks;
  };

  beforeAll(async () => {
    system = await startSystem();
    const served = await fetch(`${system.baseUrl}/openapi.json`);
    document = (await served.json()) as OpenApiDocument;
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(document, DOC_ID);
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('(a) routes', () => {
    it('documents every route a booted gateway registers, and no route it does not', async () => {
      const env = {
        NATS_URL: await natsUrlForTests(),
        NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
        LOG_LEVEL: 'warn',
        CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      };
      const app = await createGatewayApp(loadConfig(GatewayConfigSchema, env));
      const registered: Array<Pick<RouteOptions, 'method' | 'url'>> = [];
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRoute', (route) => {
          registered.push({ method: route.method, url: route.url });
        });
      try {
        await app.init();
        const fastify = app.getHttpAdapter().getInstance();
        const documented = new Set(
          ROUTES.map(
            (route) =>
              `${route.method.toUpperCase()} ${documentedPattern(route.path, route.wildcard)}`,
          ),
        );
        const seen = new Set<string>();
        for (const route of registered) {
          const methods = Array.isArray(route.method) ? route.method : [route.method];
          for (const method of methods) {
            // Fastify answers HEAD for every GET route by itself.
            const asDocumented = method === 'HEAD' ? 'GET' : method;
            const key = `${asDocumented} ${fromFastify(route.url ?? '')}`;
            seen.add(key);
            expect({
              registered: `${method} ${route.url}`,
              documented: documented.has(key),
            }).toEqual({
              registered: `${method} ${route.url}`,
              documented: true,
            });
            // The router agrees that the route is there.
            expect(fastify.hasRoute({ method, url: route.url })).toBe(true);
          }
        }
        expect([...documented].filter((key) => !seen.has(key))).toEqual([]);
        // The served document is the route table's.
        const servedOperations = Object.entries(document.paths).flatMap(([path, operations]) =>
          Object.keys(operations).map((method) => `${method} ${path}`),
        );
        expect(servedOperations.sort()).toEqual(
          ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
        );
      } finally {
        await app.close();
      }
    });
  });

  describe('(b) responses of a running system validate against the document', () => {
    it('chat completions, JSON and streamed, with rate-limit headers', async () => {
      const team = await request('post', '/v1/admin/teams', { body: { name: uniqueName('oa') } });
      const teamId = (conforms('post', '/v1/admin/teams', team) as { id: string }).id;
      const created = await request('post', '/v1/admin/keys', {
        body: { name: uniqueName('oa-key'), team_id: teamId, rpm: 1000, tpm: 1_000_000 },
      });
      const key = (conforms('post', '/v1/admin/keys', created) as { key: string }).key;
      const body = { model: 'local/echo', messages: [{ role: 'user', content: 'Hello there' }] };

      const completion = await request('post', '/v1/chat/completions', { key, body });
      expect(completion.status).toBe(200);
      expect(completion.headers.get('x-ratelimit-limit-requests')).toBe('1000');
      expect(completion.headers.get('x-conduit-served-by')).toBe('local/echo');
      conforms('post', '/v1/chat/completions', completion);

      const stream = await request('post', '/v1/chat/completions', {
        key,
        body: { ...body, stream: true, stream_options: { include_usage: true } },
      });
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const chunks = conformingChunks('/v1/chat/completions', stream);
      expect(chunks.length).toBeGreaterThan(1);

      const message = await request('post', '/v1/messages', {
        key: null,
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: { model: 'local/echo', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      });
      expect(message.status).toBe(200);
      conforms('post', '/v1/messages', message);
      const counted = await request('post', '/v1/messages/count_tokens', {
        key: null,
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: { model: 'local/echo', messages: [{ role: 'user', content: 'Hi' }] },
      });
      expect(counted.status).toBe(200);
      conforms('post', '/v1/messages/count_tokens', counted);
    });

    it('models: the list, one model (a wildcard id) and an unknown one', async () => {
      const list = conforms('get', '/v1/models', await request('get', '/v1/models')) as {
        data: Array<{ id: string }>;
      };
      expect(list.data.map((model) => model.id)).toEqual(
        expect.arrayContaining(['local/echo', 'local/embed']),
      );
      const echo = await request('get', '/v1/models/local/echo');
      expect(echo.status).toBe(200);
      conforms('get', '/v1/models/{model}', echo);
      const unknown = await request('get', '/v1/models/local/nope');
      expect(unknown.status).toBe(404);
      conforms('get', '/v1/models/{model}', unknown);
    });

    it('embeddings, as floats and as base64', async () => {
      for (const encoding_format of ['float', 'base64']) {
        const embedded = await request('post', '/v1/embeddings', {
          body: { model: 'local/embed', input: ['a text', 'another'], encoding_format },
        });
        expect(embedded.status).toBe(200);
        conforms('post', '/v1/embeddings', embedded);
      }
    });

    it('errors: 401 (OpenAI and Anthropic shapes), 400, 403 and 415', async () => {
      const chat = { model: 'local/echo', messages: [{ role: 'user', content: 'x' }] };
      const missing = await request('post', '/v1/chat/completions', { key: null, body: chat });
      expect(missing.status).toBe(401);
      conforms('post', '/v1/chat/completions', missing);
      const wrong = await request('get', '/v1/models', { key: 'sk-cnd-not-a-real-key' });
      expect(wrong.status).toBe(401);
      conforms('get', '/v1/models', wrong);
      const anthropic = await request('post', '/v1/messages', { key: null, body: {} });
      expect(anthropic.status).toBe(401);
      expect(conforms('post', '/v1/messages', anthropic)).toMatchObject({ type: 'error' });
      const invalid = await request('post', '/v1/chat/completions', {
        body: { model: 'local/echo', messages: [] },
      });
      expect(invalid.status).toBe(400);
      conforms('post', '/v1/chat/completions', invalid);
      const invalidMessage = await request('post', '/v1/messages', {
        body: { model: 'local/echo' },
      });
      expect(invalidMessage.status).toBe(400);
      conforms('post', '/v1/messages', invalidMessage);
      const notJson = await request('post', '/v1/embeddings', {
        headers: { 'content-type': 'application/xml' },
        body: '<input/>',
      });
      expect(notJson.status).toBe(415);
      conforms('post', '/v1/embeddings', notJson);
    });

    it('the admin API: teams, users, keys and their budgets', async () => {
      const budget = { amount_usd: 5, period: 'monthly' };
      const team = conforms(
        'post',
        '/v1/admin/teams',
        await request('post', '/v1/admin/teams', { body: { name: uniqueName('oa'), budget } }),
      ) as { id: string };
      conforms('get', '/v1/admin/teams', await request('get', '/v1/admin/teams'));
      const user = conforms(
        'post',
        '/v1/admin/users',
        await request('post', '/v1/admin/users', {
          body: { name: 'Ada', team_id: team.id, email: 'ada@example.com' },
        }),
      ) as { id: string };
      conforms(
        'get',
        '/v1/admin/users',
        await request('get', `/v1/admin/users?team_id=${team.id}`),
      );
      const key = conforms(
        'post',
        '/v1/admin/keys',
        await request('post', '/v1/admin/keys', {
          body: {
            name: uniqueName('k'),
            team_id: team.id,
            user_id: user.id,
            models: ['local/echo'],
            guardrails: { pii: 'redact' },
          },
        }),
      ) as { id: string; key: string };
      conforms(
        'get',
        '/v1/admin/keys',
        await request('get', `/v1/admin/keys?team_id=${team.id}&include_revoked=true`),
      );
      for (const [owner, id] of [
        ['teams', team.id],
        ['users', user.id],
        ['keys', key.id],
      ]) {
        const path = `/v1/admin/${owner}/{id}/budget`;
        const set = await request('put', `/v1/admin/${owner}/${id}/budget`, { body: budget });
        expect(set.status).toBe(200);
        conforms('put', path, set);
        const removed = await request('delete', `/v1/admin/${owner}/${id}/budget`);
        expect(removed.status).toBe(200);
        conforms('delete', path, removed);
      }
      const purged = await request('post', '/v1/admin/cache/purge', {
        body: { model: 'local/echo' },
      });
      expect(purged.status).toBe(200);
      conforms('post', '/v1/admin/cache/purge', purged);
      const unscoped = await request('post', '/v1/admin/cache/purge', { body: {} });
      expect(unscoped.status).toBe(400);
      conforms('post', '/v1/admin/cache/purge', unscoped);
      const forbidden = await request('get', '/v1/admin/teams', { key: key.key });
      expect(forbidden.status).toBe(403);
      conforms('get', '/v1/admin/teams', forbidden);
      const badId = await request('delete', '/v1/admin/keys/not-an-id');
      expect(badId.status).toBe(400);
      conforms('delete', '/v1/admin/keys/{id}', badId);
      const revoked = await request('delete', `/v1/admin/keys/${key.id}`);
      expect(revoked.status).toBe(200);
      conforms('delete', '/v1/admin/keys/{id}', revoked);
      const audit = await request('get', `/v1/admin/audit?team_id=${team.id}&limit=5`);
      expect(audit.status).toBe(200);
      expect((conforms('get', '/v1/admin/audit', audit) as { data: unknown[] }).data).toHaveLength(
        5,
      );
      const badLimit = await request('get', '/v1/admin/audit?limit=0');
      expect(badLimit.status).toBe(400);
      conforms('get', '/v1/admin/audit', badLimit);
      const auditCsv = await request('get', `/v1/admin/audit/export?format=csv&team_id=${team.id}`);
      expect(auditCsv.status).toBe(200);
      conforms('get', '/v1/admin/audit/export', auditCsv);
    });

    it('collections, documents and search', async () => {
      const name = uniqueName('oa-docs');
      conforms(
        'post',
        '/v1/collections',
        await request('post', '/v1/collections', { body: { name } }),
      );
      conforms('get', '/v1/collections', await request('get', '/v1/collections'));
      conforms('get', '/v1/collections/{name}', await request('get', `/v1/collections/${name}`));
      const upserted = await request('post', `/v1/collections/${name}/documents`, {
        body: {
          documents: [
            { id: 'fox', text: 'The quick brown fox jumps over the lazy dog.', metadata: { a: 1 } },
            { id: 'tea', text: 'Green tea is brewed at eighty degrees.' },
          ],
        },
      });
      expect(upserted.status).toBe(200);
      conforms('post', '/v1/collections/{name}/documents', upserted);
      const single = await request('post', `/v1/collections/${name}/documents`, {
        body: { id: 'one', text: 'A single document.' },
      });
      conforms('post', '/v1/collections/{name}/documents', single);
      const found = await request('post', `/v1/collections/${name}/search`, {
        body: { query: 'fox', top_k: 2 },
      });
      expect(found.status).toBe(200);
      conforms('post', '/v1/collections/{name}/search', found);
      conforms(
        'delete',
        '/v1/collections/{name}/documents/{id}',
        await request('delete', `/v1/collections/${name}/documents/fox`),
      );
      conforms(
        'delete',
        '/v1/collections/{name}',
        await request('delete', `/v1/collections/${name}`),
      );
      const gone = await request('get', `/v1/collections/${name}`);
      expect(gone.status).toBe(404);
      conforms('get', '/v1/collections/{name}', gone);
    });

    it('guardrails check, usage and its CSV export', async () => {
      const checked = await request('post', '/v1/guardrails/check', {
        body: { text: 'Mail me at jane.doe@example.com', policy: { pii: 'redact' } },
      });
      expect(checked.status).toBe(200);
      conforms('post', '/v1/guardrails/check', checked);
      const usage = await request('get', '/v1/usage?group_by=day,model');
      expect(usage.status).toBe(200);
      conforms('get', '/v1/usage', usage);
      const exported = await request('get', '/v1/usage/export');
      expect(exported.status).toBe(200);
      conforms('get', '/v1/usage/export', exported);
    });

    it('health, without a key', async () => {
      conforms('get', '/health/live', await request('get', '/health/live', { key: null }));
      const ready = await request('get', '/health/ready', { key: null });
      expect(ready.status).toBe(200);
      conforms('get', '/health/ready', ready);
    });
  });

  describe('(c) the document and the docs page', () => {
    it('/openapi.json is OpenAPI 3.1 JSON and /docs loads its bundle from the gateway', async () => {
      const served = await request('get', '/openapi.json', { key: null });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/^application\/json/);
      const parsed = conforms('get', '/openapi.json', served) as OpenApiDocument;
      expect(parsed.openapi).toMatch(/^3\.1\.\d+$/);
      expect(Object.keys(parsed.components.securitySchemes).sort()).toEqual([
        'apiKeyHeader',
        'bearerAuth',
      ]);

      const page = await request('get', '/docs', { key: null });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      conforms('get', '/docs', page);
      // Nothing from another origin: no CDN, no fonts, no absolute URL at all.
      expect(page.text).not.toMatch(/https?:|\/\/[a-z]/i);
      const scripts = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(1);
      const docsUrl = `${system.baseUrl}/docs`;
      const bundleUrl = new URL(scripts[0], docsUrl);
      expect(bundleUrl.origin).toBe(new URL(system.baseUrl).origin);
      const specUrl = new URL(/data-url="([^"]+)"/.exec(page.text)![1], docsUrl);
      expect(specUrl.href).toBe(`${system.baseUrl}/openapi.json`);

      const bundle = await request('get', bundleUrl.pathname, { key: null });
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(bundle.text.length).toBeGreaterThan(100_000);
      expect(bundle.text).toContain('createApiReference');
      conforms('get', '/docs/scalar.js', bundle);
    });
  });

  describe('coverage', () => {
    // Runs last: the tests above checked a real response of every documented operation.
    it('checked a response of every documented operation', () => {
      const all = ROUTES.map((route) => `${route.method} ${route.path}`);
      expect(all.filter((operation) => !exercised.has(operation))).toEqual([]);
    });
  });
});
