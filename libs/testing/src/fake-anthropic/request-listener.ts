import type { IncomingMessage, RequestListener } from 'node:http';
import { Exchange } from '../fake-openai/exchange';
import type { RecordedRequest } from '../fake-openai/fake-openai.types';
import {
  genericError,
  internalError,
  invalidApiKey,
  invalidBearerToken,
  invalidRequest,
  missingApiKey,
  missingVersion,
  rateLimited,
  requestTooLarge,
  routeNotFound,
  serverError,
  type AnthropicErrorReply,
} from './anthropic-error';
import { JSON_CONTENT_TYPE, REQUESTS_PER_MINUTE_LIMIT } from './anthropic-headers';
import type { FakeAnthropicFault } from './fake-anthropic.types';
import { handleCountTokens } from './count-tokens.handler';
import { handleMessages, type MessagesSettings } from './messages.handler';
import { handleListModels, handleRetrieveModel } from './models.handler';
import { sendError, sendText } from './response-writer';

/** What the listener reads from and writes to; owned by `FakeAnthropicServer`. */
export interface FakeAnthropicState extends MessagesSettings {
  readonly modelList: readonly string[];
  readonly apiKey: string | undefined;
  readonly recordRequests: boolean;
  readonly requests: RecordedRequest[];
  readonly faults: FakeAnthropicFault[];
  readonly maxRequestBytes: number;
  onClientAbort(): void;
}

const MODEL_PATH_PREFIX = '/v1/models/';
const BEARER = /^bearer\s+(\S+)\s*$/i;

export function createRequestListener(state: FakeAnthropicState): RequestListener {
  return (req, res) => {
    const exchange = new Exchange(req, res, () => state.onClientAbort());
    // Taken on arrival rather than after the body is read, so faults map to requests in arrival order.
    const fault = state.faults.shift();
    readBody(req, state.maxRequestBytes)
      .then((raw) => respond(state, exchange, raw, fault))
      .catch((error: unknown) => {
        // Most likely a throwing `reply` callback: surface it to the test instead of hanging.
        sendError(exchange, internalError(error instanceof Error ? error.message : String(error)));
      });
  };
}

async function respond(
  state: FakeAnthropicState,
  exchange: Exchange,
  raw: RawBody,
  fault: FakeAnthropicFault | undefined,
): Promise<void> {
  const method = exchange.req.method ?? 'GET';
  const url = new URL(exchange.req.url ?? '/', 'http://fake-anthropic');
  const body = parseBody(raw.text);
  if (state.recordRequests) {
    state.requests.push({
      method,
      path: url.pathname + url.search,
      headers: { ...exchange.req.headers },
      body: body.recorded,
      response: exchange.response,
    });
  }

  if (fault?.kind === 'hang') return;
  if (fault?.kind === 'delayFirstByte' && !(await exchange.sleep(fault.ms))) return;
  if (fault?.kind === 'status') return sendStatusFault(exchange, fault);
  if (fault?.kind === 'rateLimit') {
    return sendError(exchange, rateLimited(fault.retryAfterSeconds, REQUESTS_PER_MINUTE_LIMIT));
  }
  if (fault?.kind === 'serverError') return sendError(exchange, serverError(fault.status));

  // Anthropic's edge rejects oversized bodies before routing or authentication.
  if (raw.tooLarge) return sendError(exchange, requestTooLarge());
  const route = matchRoute(method, url.pathname);
  if (route === undefined) return sendError(exchange, routeNotFound());
  const headerError = checkHeaders(exchange.req, state.apiKey);
  if (headerError) return sendError(exchange, headerError);

  switch (route.name) {
    case 'messages':
      if (!body.valid) {
        return sendError(exchange, invalidRequest('The request body is not valid JSON.'));
      }
      return handleMessages(exchange, body.json, fault, state);
    case 'countTokens':
      if (!body.valid) {
        return sendError(exchange, invalidRequest('The request body is not valid JSON.'));
      }
      return handleCountTokens(exchange, body.json, state);
    case 'listModels':
      return handleListModels(exchange, state.modelList, url.searchParams);
    case 'retrieveModel':
      return handleRetrieveModel(exchange, state.modelList, route.id);
  }
}

type Route =
  | { name: 'messages' }
  | { name: 'countTokens' }
  | { name: 'listModels' }
  | { name: 'retrieveModel'; id: string };

function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/messages') return { name: 'messages' };
  if (method === 'POST' && path === '/v1/messages/count_tokens') return { name: 'countTokens' };
  if (method !== 'GET') return undefined;
  if (path === '/v1/models') return { name: 'listModels' };
  if (path.startsWith(MODEL_PATH_PREFIX) && path.length > MODEL_PATH_PREFIX.length) {
    return { name: 'retrieveModel', id: decodeURIComponent(path.slice(MODEL_PATH_PREFIX.length)) };
  }
  return undefined;
}

/**
 * An API key is always required (it must match when the server has an `apiKey`), then
 * `anthropic-version` (any value: the SDK sends dates the fake cannot know in advance).
 * The key may come as `x-api-key` or, as `@anthropic-ai/sdk` 1.x sends it, as
 * `Authorization: Bearer <key>`.
 */
function checkHeaders(
  req: IncomingMessage,
  apiKey: string | undefined,
): AnthropicErrorReply | undefined {
  const headerKey = req.headers['x-api-key'];
  const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
  const presented = typeof headerKey === 'string' && headerKey !== '' ? headerKey : bearer;
  if (presented === undefined) return missingApiKey();
  if (apiKey !== undefined && presented !== apiKey) {
    return presented === headerKey ? invalidApiKey() : invalidBearerToken();
  }
  const version = req.headers['anthropic-version'];
  if (typeof version !== 'string' || version === '') return missingVersion();
  return undefined;
}

function sendStatusFault(
  exchange: Exchange,
  fault: Extract<FakeAnthropicFault, { kind: 'status' }>,
): void {
  if (fault.body === undefined) {
    const error = genericError(fault.status);
    return sendError(exchange, { ...error, headers: fault.headers });
  }
  // A string is sent verbatim so tests can reproduce non-JSON bodies such as a proxy's HTML error page.
  const isText = typeof fault.body === 'string';
  const text = isText ? (fault.body as string) : JSON.stringify(fault.body);
  const contentType = isText ? 'text/plain; charset=utf-8' : JSON_CONTENT_TYPE;
  sendText(exchange, fault.status, text, contentType, fault.headers);
}

interface ParsedBody {
  valid: boolean;
  json: unknown;
  recorded: unknown;
}

function parseBody(raw: string): ParsedBody {
  if (raw.length === 0) return { valid: false, json: undefined, recorded: undefined };
  try {
    const json: unknown = JSON.parse(raw);
    return { valid: true, json, recorded: json };
  } catch {
    return { valid: false, json: undefined, recorded: raw };
  }
}

interface RawBody {
  text: string;
  tooLarge: boolean;
}

/** The body as text; past `maxBytes` it is drained and dropped, so the client can still read the 413. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > maxBytes) return resolve({ text: '', tooLarge: true });
      resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: false });
    });
    req.on('error', reject);
  });
}
