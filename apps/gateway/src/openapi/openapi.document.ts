import { z } from 'zod';
import { RATE_LIMIT_HEADERS, RESPONSE_HEADERS, type ResponseHeaderName } from './openapi-headers';
import { AnthropicErrorSchema, OpenAIErrorSchema } from './response-schemas';
import type { NamedSchema, RouteDoc } from './route-doc';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** The parts of an OpenAPI 3.1 document this builder writes. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    headers: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, OpenApiResponse>;
  'x-conduit-access': RouteDoc['access'];
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: JsonSchema; [extension: `x-${string}`]: unknown }>;
}

const SCHEMA_REF = '#/components/schemas/';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (`validation_error`; also `context_length_exceeded`, `content_filtered`).',
  401: 'No key, or not a valid one (`authentication_error`).',
  403: "The key may not do this: an admin-only route, a model outside its allow-list, another key's usage (`permission_denied`).",
  404: 'Unknown model, collection, team, user or key (`not_found`).',
  413: 'The body is larger than `GATEWAY_MAX_BODY_BYTES` (`request_too_large`).',
  415: 'The body is not JSON (`unsupported_media_type`).',
  429: 'A rate limit (`rate_limit_exceeded`) or a budget (`budget_exceeded`) refused the request.',
  500: 'The gateway failed unexpectedly (`internal_error`); quote the request id.',
  502: 'The model provider failed after retries and fallbacks (`provider_error`).',
  503: 'A service behind the gateway is unavailable (`service_unavailable`).',
  504: 'A service or provider timed out (`timeout`).',
};

/** Builds the document from the route table; throws when two routes or names collide. */
export function buildOpenApiDocument(
  routes: readonly RouteDoc[],
  options: { version: string },
): OpenApiDocument {
  const schemas = new SchemaComponents();
  const openAIError = schemas.ref({ name: 'OpenAIError', schema: OpenAIErrorSchema }, 'output');
  const anthropicError = schemas.ref(
    { name: 'AnthropicError', schema: AnthropicErrorSchema },
    'output',
  );
  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  for (const route of routes) {
    if (!tags.includes(route.tag)) tags.push(route.tag);
    const operations = (paths[route.path] ??= {});
    if (operations[route.method]) {
      throw new Error(`Two routes for ${route.method.toUpperCase()} ${route.path}`);
    }
    const success = successResponse(route, schemas);
    const responses: Record<string, OpenApiResponse> = { [route.ok.status]: success };
    for (const { status, description } of route.ok.alsoAs ?? []) {
      responses[status] = { ...success, description };
    }
    if (route.errors) {
      const errorSchema = route.errors.shape === 'anthropic' ? anthropicError : openAIError;
      const statuses = new Set([
        ...(route.access === 'public' ? [] : [401, 403]),
        ...route.errors.statuses,
        500,
      ]);
      for (const status of [...statuses].sort((a, b) => a - b)) {
        responses[status] = errorResponse(status, errorSchema, route);
      }
    }
    const parameters = [...pathParameters(route), ...queryParameters(route)];
    operations[route.method] = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      security: route.access === 'public' ? [] : [{ bearerAuth: [] }, { apiKeyHeader: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemas.ref(route.body, 'input') } },
            },
          }
        : {}),
      responses,
      'x-conduit-access': route.access,
    };
  }
  assertUniqueOperationIds(routes);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Conduit gateway API',
      version: options.version,
      description: [
        "An OpenAI-compatible AI gateway: chat completions (and Anthropic's Messages API), models, embeddings, collections and search, guardrail checks, usage, and the admin API for teams, users, virtual keys and budgets.",
        '',
        'Every `/v1` route needs a key: `Authorization: Bearer <key>` (a virtual key `sk-cnd-…`, or the admin key), or `x-api-key: <key>` as Anthropic clients send it. Routes marked `x-conduit-access: admin` need the admin key.',
        '',
        "Every response carries `x-request-id`; errors are OpenAI's shape plus `request_id` (Anthropic's shape on `/v1/messages`). Generated from the gateway's zod contracts.",
      ].join('\n'),
    },
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: schemas.emit(),
      headers: RESPONSE_HEADERS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A virtual key (`sk-cnd-…`) or the admin key.',
        },
        apiKeyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'The same key in `x-api-key`, as the Anthropic SDKs send it.',
        },
      },
    },
  };
}

function headerRefs(names: readonly ResponseHeaderName[]): Record<string, { $ref: string }> {
  return Object.fromEntries(
    ['x-request-id' as const, ...names].map((name) => [
      name,
      { $ref: `#/components/headers/${name}` },
    ]),
  );
}

function successResponse(route: RouteDoc, schemas: SchemaComponents): OpenApiResponse {
  const { ok } = route;
  const content: NonNullable<OpenApiResponse['content']> = {};
  if (ok.json) content['application/json'] = { schema: schemas.ref(ok.json, 'output') };
  if (ok.sse) {
    content['text/event-stream'] = {
      schema: {
        type: 'string',
        description: `With \`stream: true\`: \`data: <${ok.sse.name} as JSON>\` events, then \`data: [DONE]\`.`,
      },
      'x-sse-data': schemas.ref(ok.sse, 'output'),
    };
  }
  if (ok.raw) content[ok.raw.contentType] = { schema: ok.raw.schema };
  return { description: ok.description, headers: headerRefs(ok.headers ?? []), content };
}

function errorResponse(status: number, schema: JsonSchema, route: RouteDoc): OpenApiResponse {
  const extra: ResponseHeaderName[] = [];
  if (route.access !== 'public' && route.ok.headers?.includes('request-id'))
    extra.push('request-id');
  if (status === 429 || status === 503) extra.push('retry-after');
  if (status === 429) extra.push(...RATE_LIMIT_HEADERS);
  const description = ERROR_DESCRIPTIONS[status];
  if (!description) throw new Error(`No description for error status ${status}`);
  return {
    description,
    headers: headerRefs(extra),
    content: { 'application/json': { schema } },
  };
}

function pathParameters(route: RouteDoc): unknown[] {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const params = route.params ?? {};
  const declared = Object.keys(params);
  if (names.join() !== declared.join()) {
    throw new Error(
      `${route.path}: path parameters ${names.join()} but declared ${declared.join()}`,
    );
  }
  return names.map((name, index) => {
    const schema = inlineSchema(params[name]);
    const wildcard = route.wildcard && index === names.length - 1;
    const described = typeof schema.description === 'string' ? schema.description : name;
    const description = wildcard ? `${described}; may contain \`/\`, sent unescaped.` : described;
    return { name, in: 'path', required: true, schema, description };
  });
}

function queryParameters(route: RouteDoc): unknown[] {
  if (!route.query) return [];
  const schema = inlineSchema(route.query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

/** A parameter's schema, inline: no `$schema`, and nothing it would have to refer to. */
function inlineSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  delete json.$schema;
  if (json.$defs) throw new Error('A parameter schema must not need $defs');
  return json;
}

function assertUniqueOperationIds(routes: readonly RouteDoc[]): void {
  const seen = new Set<string>();
  for (const { operationId } of routes) {
    if (seen.has(operationId)) throw new Error(`Duplicate operationId ${operationId}`);
    seen.add(operationId);
  }
}

/**
 * The named schemas of the document, converted with zod's own `z.toJSONSchema` (JSON Schema
 * 2020-12, OpenAPI 3.1's dialect): request bodies as zod parses them (`io: 'input'`: defaults
 * optional, transforms' input side), responses as they are produced (`io: 'output'`). A named
 * schema inside another becomes a `$ref`; one zod object is one component, whichever routes use it.
 */
class SchemaComponents {
  private readonly byName = new Map<string, { schema: z.ZodType; io: Io }>();

  ref(named: NamedSchema, io: Io): { $ref: string } {
    const known = this.byName.get(named.name);
    if (known && (known.schema !== named.schema || known.io !== io)) {
      throw new Error(`Two different schemas are named ${named.name}`);
    }
    this.byName.set(named.name, { schema: named.schema, io });
    return { $ref: SCHEMA_REF + named.name };
  }

  emit(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const io of ['input', 'output'] as const) {
      const registry = z.registry<{ id: string }>();
      for (const [name, { schema, io: schemaIo }] of this.byName) {
        if (schemaIo === io) registry.add(schema, { id: name });
      }
      const { schemas } = z.toJSONSchema(registry, {
        target: 'draft-2020-12',
        io,
        unrepresentable: 'any',
        uri: (id) => SCHEMA_REF + id,
      }) as { schemas: Record<string, JsonSchema> };
      // Schemas zod had to share without a name (cycles) land in `__shared`: name them per io.
      const sharedPrefix = io === 'input' ? 'Input_' : 'Output_';
      const shared = (schemas.__shared?.$defs ?? {}) as Record<string, JsonSchema>;
      delete schemas.__shared;
      const all: Record<string, JsonSchema> = { ...schemas };
      for (const [id, schema] of Object.entries(shared)) all[sharedPrefix + id] = schema;
      for (const [name, schema] of Object.entries(all)) {
        delete schema.$id;
        delete schema.$schema;
        if (out[name]) throw new Error(`Schema ${name} is both a request and a response schema`);
        out[name] = rewriteSharedRefs(schema, sharedPrefix) as JsonSchema;
      }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function rewriteSharedRefs(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteSharedRefs(item, prefix));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === '$ref' && typeof item === 'string') {
        const shared = /^#\/components\/schemas\/__shared#\/\$defs\/(.+)$/.exec(item);
        return [key, shared ? SCHEMA_REF + prefix + shared[1] : item];
      }
      return [key, rewriteSharedRefs(item, prefix)];
    }),
  );
}
