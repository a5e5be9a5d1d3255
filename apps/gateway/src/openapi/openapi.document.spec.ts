import {
  AuthenticationError,
  ChatCompletionRequestSchema,
  EmbeddingsRequestSchema,
  ValidationError,
} from '@conduit/contracts';
import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { toHttpError } from '../http/openai-error';
import { anthropicErrorBody } from '../messages/anthropic-error.mapper';
import { buildOpenApiDocument } from './openapi.document';
import { named, type RouteDoc } from './route-doc';
import { ROUTES } from './routes';

const document = buildOpenApiDocument(ROUTES, { version: '0.0.0-test' });
const DOC_ID = 'openapi.json';

function compiler(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(document, DOC_ID);
  return ajv;
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, segment) => (node as Record<string, unknown>)?.[segment], document);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with one operation per route of the table', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(operations).toHaveLength(ROUTES.length);
  });

  it('resolves every $ref inside itself', () => {
    const refs = [...new Set(refsIn(document))];
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((ref) => !ref.startsWith('#/') || resolve(ref) === undefined)).toEqual([]);
  });

  it('has component schemas that are valid JSON Schema 2020-12 and compile strictly', () => {
    const strict = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const standalone = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/'),
      ) as Record<string, unknown>;
      const withDefs = { ...standalone, $defs: document.components.schemas };
      expect({ name, valid: strict.validateSchema(withDefs) }).toEqual({ name, valid: true });
      expect(() => strict.compile(withDefs)).not.toThrow();
    }
  });

  it('describes auth: bearer on /v1 (x-api-key too), nothing on the public routes', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path][route.method];
      if (route.path.startsWith('/v1/')) {
        expect(operation.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
        expect(operation.responses['401']).toBeDefined();
      } else {
        expect({ path: route.path, security: operation.security }).toEqual({
          path: route.path,
          security: [],
        });
      }
    }
  });

  it('answers errors in the shape the gateway writes them', () => {
    const ajv = compiler();
    const openAIError = ajv.getSchema(`${DOC_ID}#/components/schemas/OpenAIError`)!;
    const written = toHttpError(
      new ValidationError('bad', { code: 'invalid_value', param: 'messages' }),
      'req_1',
    );
    expect(openAIError(written.body)).toBe(true);
    expect(openAIError({ error: { message: 'x' } })).toBe(false);
    const anthropicError = ajv.getSchema(`${DOC_ID}#/components/schemas/AnthropicError`)!;
    expect(anthropicError(anthropicErrorBody(new AuthenticationError('no key'), 'req_2'))).toBe(
      true,
    );
    const chat = document.paths['/v1/chat/completions'].post.responses;
    expect(chat['429'].headers).toHaveProperty('retry-after');
    expect(chat['429'].headers).toHaveProperty('x-ratelimit-remaining-tokens');
    expect(chat['200'].headers).toHaveProperty('x-conduit-cost-usd');
    expect(document.paths['/v1/messages'].post.responses['400'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/AnthropicError' } },
    });
  });

  it('accepts and refuses request bodies as the zod schemas the controllers parse with', () => {
    const ajv = compiler();
    const cases: Array<[string, z.ZodType, unknown]> = [
      [
        'ChatCompletionRequest',
        ChatCompletionRequestSchema,
        { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] },
      ],
      [
        'ChatCompletionRequest',
        ChatCompletionRequestSchema,
        { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }], temperature: 3 },
      ],
      ['ChatCompletionRequest', ChatCompletionRequestSchema, { model: 'local/echo', messages: [] }],
      [
        'ChatCompletionRequest',
        ChatCompletionRequestSchema,
        { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }], unknown: 1 },
      ],
      ['EmbeddingsRequest', EmbeddingsRequestSchema, { model: 'local/embed', input: ['a', 'b'] }],
      ['EmbeddingsRequest', EmbeddingsRequestSchema, { model: 'local/embed', input: [[1, 2]] }],
      ['EmbeddingsRequest', EmbeddingsRequestSchema, { model: 'local/embed' }],
    ];
    for (const [name, schema, body] of cases) {
      const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`)!;
      expect({ name, body, valid: validate(body) }).toEqual({
        name,
        body,
        valid: schema.safeParse(body).success,
      });
    }
  });

  it('refuses a table with two routes for one operation or undeclared path parameters', () => {
    const route: RouteDoc = {
      method: 'get',
      path: '/v1/things/{id}',
      operationId: 'getThing',
      tag: 'Things',
      summary: 'A thing',
      access: 'key',
      params: { id: z.string() },
      ok: { status: 200, description: 'ok', json: named('Thing', z.object({ id: z.string() })) },
      errors: { shape: 'openai', statuses: [404] },
    };
    expect(() => buildOpenApiDocument([route], { version: '1' })).not.toThrow();
    expect(() =>
      buildOpenApiDocument([route, { ...route, operationId: 'again' }], { version: '1' }),
    ).toThrow(/Two routes/);
    expect(() => buildOpenApiDocument([{ ...route, params: {} }], { version: '1' })).toThrow(
      /path parameters/,
    );
    expect(() =>
      buildOpenApiDocument(
        [
          route,
          {
            ...route,
            path: '/v1/other/{id}',
            operationId: 'other',
            ok: { ...route.ok, json: named('Thing', z.object({ name: z.string() })) },
          },
        ],
        { version: '1' },
      ),
    ).toThrow(/Two different schemas are named Thing/);
  });
});
