import { PermissionDeniedError } from '@conduit/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { toHttpError } from './openai-error';

/** `GATEWAY_CORS_ORIGINS=*`: any origin may call the API from a browser. */
export const ANY_ORIGIN = '*';

/**
 * `GATEWAY_CORS_ORIGINS` read: comma-separated exact origins (`https://app.example.com`,
 * `http://localhost:5173`), normalised as browsers send them in `Origin` (lower-case scheme and
 * host, no default port, no trailing slash), or `*` alone. Returns the problems, if any, so the
 * config names the bad entry instead of the gateway starting without the origin it was meant
 * to allow.
 */
export function parseCorsOrigins(value: string): { origins: string[]; problems: string[] } {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const problems: string[] = [];
  if (entries.includes(ANY_ORIGIN)) {
    if (entries.length > 1) problems.push('`*` allows every origin: list no other beside it');
    return { origins: [ANY_ORIGIN], problems };
  }
  const origins: string[] = [];
  for (const entry of entries) {
    const origin = exactOrigin(entry);
    if (origin) origins.push(origin);
    else
      problems.push(
        `${JSON.stringify(entry)} is not an origin (scheme://host[:port], no path, no wildcard)`,
      );
  }
  return { origins: [...new Set(origins)], problems };
}

function exactOrigin(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return null;
  // `https://app.example.com/` is accepted; anything after the host is not.
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(entry) || entry.includes('*')) return null;
  return url.origin;
}

/** Methods the gateway's routes use (what a preflight may ask for). */
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

/**
 * Request headers a browser may send cross-origin: what the official OpenAI and Anthropic
 * browser SDKs send (their keys, versions, betas, `x-stainless-*` platform and retry headers),
 * plus W3C trace context. Browsers ask for the concrete names in
 * `Access-Control-Request-Headers`; `*` would not do, since a wildcard never covers
 * `Authorization`.
 */
const ALLOWED_REQUEST_HEADERS = new Set([
  'accept',
  'authorization',
  'content-type',
  'idempotency-key',
  'traceparent',
  'tracestate',
  'x-api-key',
  'x-request-id',
]);
const ALLOWED_REQUEST_HEADER_PREFIXES = ['x-stainless-', 'openai-', 'anthropic-'];

/**
 * Response headers a page may read (besides the CORS-safelisted ones such as content-type):
 * the request id (OpenAI's `x-request-id`, Anthropic's `request-id`), Conduit's own, the
 * OpenAI rate-limit headers and what the SDKs' retry logic reads. Listed by name: a `*` here
 * is not honoured by every browser for requests that carry `Authorization`.
 */
export const EXPOSED_RESPONSE_HEADERS = [
  'x-request-id',
  'request-id',
  'x-conduit-served-by',
  'x-conduit-cost-usd',
  'x-conduit-guardrails',
  'x-conduit-cache',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
].join(', ');

/**
 * How long a browser may reuse a preflight's answer. Chromium caps it at 2 h, Firefox at 24 h;
 * 10 minutes keeps a narrowed GATEWAY_CORS_ORIGINS effective soon after a restart.
 */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS as an `onRequest` hook (registered before authentication).
 *
 * Why not `@fastify/cors`: it sets its headers with `reply.header()`, which a hijacked reply
 * never writes — and the SSE streams (chat, messages) and the CSV export are hijacked replies
 * written with `writeHead` on the raw response. Headers set here with `setHeader` on the raw
 * response are merged by Node into every response: Fastify's replies, hijacked streams, error
 * responses, early 401s and 413s.
 *
 * - No origins configured (the default): no CORS header on any response, so browsers keep
 *   their same-origin policy; a preflight is refused as below.
 * - A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) never needs a key:
 *   browsers send none. From an allowed origin: 204 with the allowed methods, the requested
 *   headers that are allowed, `Access-Control-Max-Age` and `Vary`. From any other origin: 403
 *   in OpenAI's shape without any `Access-Control-Allow-*` header — the browser fails the call
 *   either way, and a 403 tells whoever reads the network panel or a curl why, where a bare 204
 *   would look like success and a 404 like a wrong URL.
 * - An actual request is served whatever its `Origin`: CORS only decides whether the page may
 *   read the answer, and the API's authority is the key, never the origin (no cookies: the
 *   gateway never sends `Access-Control-Allow-Credentials`, and a cross-site form cannot add an
 *   `Authorization` header). From an allowed origin the response carries
 *   `Access-Control-Allow-Origin` and `Access-Control-Expose-Headers`.
 * - `Vary: Origin` on every response while specific origins are configured, so a shared cache
 *   never serves one origin's answer (with or without the allow header) to another.
 */
export function corsHook(origins: readonly string[]) {
  const anyOrigin = origins.includes(ANY_ORIGIN);
  const allowed = new Set(origins);
  const enabled = origins.length > 0;
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const origin = request.headers.origin;
    const preflight =
      request.method === 'OPTIONS' &&
      origin !== undefined &&
      request.headers['access-control-request-method'] !== undefined;
    const raw = reply.raw;
    if (enabled && !anyOrigin) raw.setHeader('vary', 'Origin');
    const originAllowed = origin !== undefined && enabled && (anyOrigin || allowed.has(origin));
    if (!preflight) {
      if (originAllowed) allowOrigin(raw, anyOrigin ? ANY_ORIGIN : origin);
      if (originAllowed) raw.setHeader('access-control-expose-headers', EXPOSED_RESPONSE_HEADERS);
      done();
      return;
    }
    if (!originAllowed) {
      const httpError = toHttpError(
        new PermissionDeniedError(
          enabled
            ? `Cross-origin requests from ${origin} are not allowed: the origin is not in GATEWAY_CORS_ORIGINS.`
            : 'Cross-origin requests are not allowed: GATEWAY_CORS_ORIGINS is not set.',
          { code: 'cors_origin_not_allowed' },
        ),
        request.id,
      );
      void reply.status(httpError.status).send(httpError.body);
      return;
    }
    allowOrigin(raw, anyOrigin ? ANY_ORIGIN : origin);
    raw.setHeader(
      'vary',
      anyOrigin
        ? 'Access-Control-Request-Headers'
        : 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
    raw.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    const headers = allowedRequestHeaders(request.headers['access-control-request-headers']);
    if (headers) raw.setHeader('access-control-allow-headers', headers);
    raw.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
    void reply.status(204).send();
  };
}

function allowOrigin(raw: ServerResponse, value: string): void {
  raw.setHeader('access-control-allow-origin', value);
}

/**
 * The requested header names the gateway accepts, as the browser named them (lower-cased); a
 * header left out makes the browser fail the preflight, naming that header in its console.
 */
function allowedRequestHeaders(requested: string | string[] | undefined): string {
  if (requested === undefined) return '';
  const names = (Array.isArray(requested) ? requested.join(',') : requested)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  return [...new Set(names)]
    .filter(
      (name) =>
        ALLOWED_REQUEST_HEADERS.has(name) ||
        ALLOWED_REQUEST_HEADER_PREFIXES.some(
          (prefix) => name.startsWith(prefix) && /^[a-z0-9-]+$/.test(name),
        ),
    )
    .join(', ');
}
