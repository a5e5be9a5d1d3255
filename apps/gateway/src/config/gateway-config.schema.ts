import { CommonConfigSchema, envInt, envPort, envUrl } from '@conduit/config';
import { z } from 'zod';
import { CacheConfigShape } from '../cache/cache-config.schema';
import { parseCorsOrigins } from '../http/cors';

/** Every environment variable the gateway reads. */
export const GatewayConfigSchema = CommonConfigSchema.extend({
  /** HTTP port; GATEWAY_PORT wins over PORT (which platforms like Heroku/Cloud Run set). */
  PORT: envPort(8080),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  /**
   * Serve Prometheus metrics at `/metrics` on this port (off when unset), like every service's
   * `*_METRICS_PORT`: never on the API port, where any caller could read them.
   */
  GATEWAY_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Largest accepted request body; larger bodies get 413. */
  GATEWAY_MAX_BODY_BYTES: envInt(4 * 1024 * 1024),
  /** How long a client may take to send a request's headers; then 408 and the socket closes. */
  GATEWAY_HEADERS_TIMEOUT_MS: envInt(10_000),
  /**
   * How long a client may take to send a whole request (headers and body); then 408. It bounds
   * receiving only: a long answer or stream is never cut by it.
   */
  GATEWAY_BODY_TIMEOUT_MS: envInt(60_000),
  /** Open connections one client address may hold; more are answered 429 and closed. */
  GATEWAY_MAX_CONNECTIONS_PER_IP: envInt(256),
  /** Deepest nesting of objects and arrays a JSON body may have (tool schemas included). */
  GATEWAY_MAX_JSON_DEPTH: envInt(64),
  /**
   * How often the gateway refetches the llm service's catalog snapshot (names, chains, prices,
   * limits), from which it quotes requests itself. A model name it does not know also refetches
   * (at most once a second), so a catalog change is seen at once by the requests that use it.
   */
  GATEWAY_CATALOG_REFRESH_MS: envInt(30_000),
  /** How long a non-streaming completion may take end to end. */
  GATEWAY_LLM_TIMEOUT_MS: envInt(300_000),
  /** How long a stream may stay silent (before its first token or between tokens). */
  GATEWAY_STREAM_IDLE_TIMEOUT_MS: envInt(300_000),
  /**
   * How long the gateway waits without a reply, a stream event or a heartbeat from the llm (or
   * any) replica serving a request before declaring it lost: 503, or an SSE error mid-stream.
   * Replicas beat every second while they work, so this tells a dead replica from a slow model.
   */
  GATEWAY_LIVENESS_TIMEOUT_MS: envInt(3_000),
  /** How long /health/ready waits for each dependency. */
  GATEWAY_READY_TIMEOUT_MS: envInt(2_000),
  /**
   * The admin key (`Authorization: Bearer …`) for /v1/admin and every /v1 endpoint. Unset: the
   * gateway reads `<GATEWAY_DATA_DIR>/admin-key`, generating it on first boot.
   */
  CONDUIT_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** `disabled` turns authentication off (local experiments only; warned at every boot). */
  CONDUIT_AUTH: z.enum(['enabled', 'disabled']).default('enabled'),
  /** Where the gateway keeps its generated admin key. */
  GATEWAY_DATA_DIR: z.string().default('.data'),
  /** How long a verified virtual key is trusted before it is checked with the ledger again. */
  GATEWAY_KEY_CACHE_TTL_MS: envInt(30_000),
  /** How long a reservation may stay unsettled before the ledger releases it. */
  GATEWAY_RESERVATION_TTL_SECONDS: envInt(900),
  /** How long the gateway waits for the ledger (key verification, budget reservation, admin). */
  GATEWAY_LEDGER_TIMEOUT_MS: envInt(5_000),
  /** Redis for rate-limit counters shared by replicas; unset = in-memory (one replica only). */
  REDIS_URL: envUrl().optional(),
  /**
   * What the rate limiter does when Redis is unreachable: `closed` refuses requests with 503
   * (the default: limits exist to protect money and providers), `open` lets them through.
   */
  GATEWAY_RATE_LIMIT_FAILURE_MODE: z.enum(['open', 'closed']).default('closed'),
  /**
   * `enabled`: every chat request and answer goes through the guardrails service under the
   * key's policy. `disabled` skips it (the gateway warns at boot).
   */
  GATEWAY_GUARDRAILS: z.enum(['enabled', 'disabled']).default('enabled'),
  /** How long the gateway waits for one guardrails scan. */
  GATEWAY_GUARDRAILS_TIMEOUT_MS: envInt(2_000),
  /** Added to that timeout per KB of text scanned (scanning time grows with the text). */
  GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS: envInt(5),
  /**
   * What happens when the guardrails service is unreachable: `closed` refuses the request with
   * 503 (the default: guardrails exist for safety), `open` lets it through unscanned.
   */
  GATEWAY_GUARDRAILS_FAILURE_MODE: z.enum(['open', 'closed']).default('closed'),
  /** How long the gateway waits for one embed message (at most 32 texts) of /v1/embeddings. */
  GATEWAY_EMBEDDING_TIMEOUT_MS: envInt(30_000),
  /**
   * How long the gateway waits for the retrieval service: a search, the context of a grounded
   * chat, or an ingest (which chunks and embeds every document of the request).
   */
  GATEWAY_RETRIEVAL_TIMEOUT_MS: envInt(120_000),
  /** Token budget of a grounded chat's context when the request sets no max_context_tokens. */
  GATEWAY_RETRIEVAL_CONTEXT_TOKENS: envInt(2_000),
  /**
   * Origins whose pages may call the API from a browser: comma-separated exact origins
   * (`https://app.example.com,http://localhost:5173`) or `*` for any. Unset (the default): no
   * CORS headers at all, and browsers' preflights are refused with 403.
   */
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const { origins, problems } = parseCorsOrigins(value);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return origins;
    }),
  /**
   * The access log (one JSON line per request on stdout, at info level): `all` (the default),
   * `errors` (status 400 and above, and requests the client left), or `off`.
   */
  GATEWAY_ACCESS_LOG: z.enum(['off', 'errors', 'all']).default('all'),
  /**
   * With `all`: the share of successful requests logged, 0 to 1 (default 1, every one). Errors
   * are always logged unless the access log is off.
   */
  GATEWAY_ACCESS_LOG_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  ...CacheConfigShape,
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export function listenPortOf(config: GatewayConfig): number {
  return config.GATEWAY_PORT ?? config.PORT;
}
