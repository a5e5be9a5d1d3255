import type { Logger } from '@conduit/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { presentedSecret } from '../auth/presented-secret';
import { principalOf } from '../auth/principal';
import { VIRTUAL_KEY_PREFIX } from '../auth/virtual-key';
import type { GatewayConfig } from '../config/gateway-config.schema';

/**
 * What a request used, for its access-log line, when the handler knows more than its response
 * headers and JSON body show (a stream's tokens and cost are known only at its end). Whatever
 * is noted wins over what the access log reads itself.
 */
export interface AccessLogUsage {
  model?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  costUsd?: number | null;
  cache?: string | null;
}

const notes = new WeakMap<FastifyRequest, AccessLogUsage>();

/** Adds to what the request's access-log line reports (merged with earlier notes). */
export function noteAccessLogUsage(request: FastifyRequest, usage: AccessLogUsage): void {
  notes.set(request, { ...notes.get(request), ...usage });
}

/** One access-log line (beside pino's `level`, `time`, `service`, `msg`). */
export interface AccessLogLine {
  log: 'access';
  request_id: string;
  method: string;
  /** The route's pattern (`/v1/models/:id`), never the URL; null when no route matched. */
  route: string | null;
  /** 499 when the client left before any response was sent (as nginx logs it). */
  status: number;
  duration_ms: number;
  /** The client closed the connection before the response was complete (a stream cut short). */
  aborted?: true;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  /** The `x-conduit-cache` response header (`hit`, `miss`…), when the response has one. */
  cache: string | null;
  /**
   * `admin`, or a virtual key's public display prefix (`sk-cnd-` and 5 characters, as key
   * listings show it), never more of a secret; null when no key was presented.
   */
  key_prefix: string | null;
  key_id: string | null;
  team_id: string | null;
}

/** Characters of a virtual key shown in clear: the prefix and five more (as in key listings). */
const DISPLAY_PREFIX_LENGTH = VIRTUAL_KEY_PREFIX.length + 5;
/** Largest JSON body read for its `usage` and `model` (larger bodies log no tokens). */
const MAX_PARSED_BODY_CHARS = 256 * 1024;

interface RequestState {
  startedAt: number;
  /** Chosen at arrival: a successful request is logged only when sampled. */
  sampled: boolean;
  fromBody: { model: string | null; inputTokens: number | null; outputTokens: number | null };
}

/**
 * The access log: one structured line per request through the project's logger (pino, JSON on
 * stdout), written when the response is finished or the client has gone — so SSE streams and
 * other hijacked replies are logged with their full duration, and a stream the client cut is
 * logged too (`aborted`).
 *
 * What a line holds comes from the request's metadata and the response's headers
 * (`x-conduit-served-by`, `x-conduit-cost-usd`, `x-conduit-cache`); tokens from the `usage`
 * of a JSON answer (chat, messages, embeddings), or from what the handler noted
 * (`noteAccessLogUsage`). Never the body's content, never a key beyond its display prefix.
 *
 * `GATEWAY_ACCESS_LOG`: `off`, `errors` (status ≥ 400 or aborted) or `all`;
 * `GATEWAY_ACCESS_LOG_SAMPLE_RATE` thins successful requests under `all`, errors are kept.
 */
export function accessLogHooks(
  config: Pick<GatewayConfig, 'GATEWAY_ACCESS_LOG' | 'GATEWAY_ACCESS_LOG_SAMPLE_RATE'>,
  logger: Logger,
  random: () => number = Math.random,
) {
  const mode = config.GATEWAY_ACCESS_LOG;
  const rate = config.GATEWAY_ACCESS_LOG_SAMPLE_RATE;
  const states = new WeakMap<FastifyRequest, RequestState>();

  const onRequest = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (mode === 'off') return done();
    const state: RequestState = {
      startedAt: performance.now(),
      sampled: mode === 'all' && (rate >= 1 || (rate > 0 && random() < rate)),
      fromBody: { model: null, inputTokens: null, outputTokens: null },
    };
    states.set(request, state);
    reply.raw.once('close', () => {
      try {
        write(request, reply.raw, state);
      } catch (error) {
        logger.warn({ err: error, request_id: request.id }, 'access log line not written');
      }
    });
    done();
  };

  /** Reads `model` and `usage` of a successful JSON answer that will be logged. */
  const onSend = (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void => {
    const state = states.get(request);
    if (
      state?.sampled &&
      // A handler that noted the tokens (chat does) spares the answer a second parse.
      notes.get(request)?.inputTokens === undefined &&
      reply.statusCode < 400 &&
      typeof payload === 'string' &&
      payload.length <= MAX_PARSED_BODY_CHARS &&
      payload.includes('"usage"') &&
      String(reply.getHeader('content-type') ?? '').includes('json')
    ) {
      state.fromBody = usageOfBody(payload);
    }
    done(null, payload);
  };

  const write = (request: FastifyRequest, response: ServerResponse, state: RequestState) => {
    const aborted = !response.writableFinished;
    const status = response.headersSent ? response.statusCode : 499;
    const error = status >= 400 || aborted;
    if (!(state.sampled || error)) return;
    const noted = notes.get(request) ?? {};
    const cost = headerOf(response, 'x-conduit-cost-usd');
    const line: AccessLogLine = {
      log: 'access',
      request_id: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status,
      duration_ms: Math.round((performance.now() - state.startedAt) * 10) / 10,
      ...(aborted ? { aborted: true as const } : {}),
      model: pick(noted.model, headerOf(response, 'x-conduit-served-by') ?? state.fromBody.model),
      input_tokens: pick(noted.inputTokens, state.fromBody.inputTokens),
      output_tokens: pick(noted.outputTokens, state.fromBody.outputTokens),
      cost_usd: pick(noted.costUsd, cost !== null && Number.isFinite(+cost) ? +cost : null),
      cache: pick(noted.cache, headerOf(response, 'x-conduit-cache')),
      ...keyFields(request),
    };
    const message = `${line.method} ${line.route ?? request.url.split('?')[0]} ${status}`;
    // Every line at info, whatever its status: LOG_LEVEL above info silences the access log
    // as a whole (errors themselves are logged where they happen).
    logger.info(line, message);
  };

  return { onRequest, onSend };
}

function pick<T>(noted: T | undefined, observed: T | null): T | null {
  return noted !== undefined ? noted : observed;
}

function headerOf(response: ServerResponse, name: string): string | null {
  const value = response.getHeader(name);
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function usageOfBody(payload: string): RequestState['fromBody'] {
  const empty = { model: null, inputTokens: null, outputTokens: null };
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return empty;
  }
  if (body === null || typeof body !== 'object') return empty;
  const { model, usage } = body as { model?: unknown; usage?: unknown };
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  const tokens = (usage ?? {}) as Record<string, unknown>;
  return {
    model: typeof model === 'string' ? model : null,
    // OpenAI (chat, embeddings) or Anthropic (messages) names.
    inputTokens: count(tokens.prompt_tokens) ?? count(tokens.input_tokens),
    outputTokens: count(tokens.completion_tokens) ?? count(tokens.output_tokens),
  };
}

/**
 * Who called, as far as it is safe to say: the admin, a verified key (its display prefix, id
 * and team), or the display prefix of a virtual key that was refused. Any other presented
 * string (a wrong admin key, garbage) is not echoed at all.
 */
function keyFields(
  request: FastifyRequest,
): Pick<AccessLogLine, 'key_prefix' | 'key_id' | 'team_id'> {
  const principal = principalOf(request);
  if (principal.kind === 'admin') return { key_prefix: 'admin', key_id: null, team_id: null };
  let secret: string | undefined;
  try {
    secret = presentedSecret(request);
  } catch {
    secret = undefined;
  }
  // Only something shaped like a virtual key (40 characters after its prefix) is shortened to
  // its display prefix: a short string is not echoed even in part.
  const prefix =
    secret?.startsWith(VIRTUAL_KEY_PREFIX) && secret.length >= VIRTUAL_KEY_PREFIX.length + 40
      ? secret.slice(0, DISPLAY_PREFIX_LENGTH)
      : null;
  if (principal.kind === 'key') {
    return { key_prefix: prefix, key_id: principal.key.keyId, team_id: principal.key.teamId };
  }
  return { key_prefix: prefix, key_id: null, team_id: null };
}
