import type { z } from 'zod';
import type { ResponseHeaderName } from './openapi-headers';

/** A zod schema and the name it has under `components.schemas`. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });

/**
 * Who may call a route: anyone (`public`, outside `/v1`), any key (`key`: a virtual key or the
 * admin key), or the admin key only (`admin`, `@AdminOnly()`).
 */
export type Access = 'public' | 'key' | 'admin';

/** A body that is not JSON (CSV, HTML, JavaScript): its media type and a JSON Schema. */
export interface RawContent {
  contentType: string;
  schema: Record<string, unknown>;
}

/** One route of the gateway as the OpenAPI document describes it. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /**
   * The OpenAPI path: `{name}` where the Fastify route has `:name`. With `wildcard`, the last
   * `{…}` is Fastify's `*` (a value that may contain `/`, like the model id `local/echo`).
   */
  path: string;
  wildcard?: boolean;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Path parameters, in path order. */
  params?: Record<string, z.ZodType>;
  /** Query parameters: an object schema, one parameter per property. */
  query?: z.ZodObject;
  /** The JSON request body, validated with this very schema by the controller. */
  body?: NamedSchema;
  /** The success response. */
  ok: {
    status: 200 | 201;
    description: string;
    json?: NamedSchema;
    /** With `stream: true`: `text/event-stream`, each `data:` line one of these (JSON). */
    sse?: NamedSchema;
    raw?: RawContent;
    /** Headers beyond `x-request-id` (which every response carries). */
    headers?: ResponseHeaderName[];
    /** Other statuses answered with the same body (e.g. /health/ready's 503). */
    alsoAs?: Array<{ status: number; description: string }>;
  };
  /**
   * The error statuses besides 401/403 (added for every `/v1` route) and 500 (every route with
   * errors), and their body: OpenAI's shape, or Anthropic's on `/v1/messages`. Null for the
   * documentation routes themselves.
   */
  errors: { shape: 'openai' | 'anthropic'; statuses: number[] } | null;
}
