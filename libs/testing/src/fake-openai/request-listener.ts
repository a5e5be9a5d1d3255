import type { IncomingMessage, RequestListener } from 'node:http';
import { handleChatCompletions } from './chat-completions.handler';
import { handleEmbeddings } from './embeddings.handler';
import { Exchange } from './exchange';
import type {
  FakeChatCompletionRequest,
  FakeEmbeddingModel,
  FakeOpenAIFault,
  RecordedRequest,
} from './fake-openai.types';
import {
  genericError,
  incorrectApiKey,
  internalError,
  invalidJsonBody,
  invalidUrl,
  missingApiKey,
  rateLimited,
  serverError,
  type OpenAIErrorReply,
} from './openai-error';
import { ERROR_CONTENT_TYPE, REQUESTS_PER_MINUTE_LIMIT } from './openai-headers';
import { handleListModels, handleRetrieveModel } from './models.handler';
import { sendError, sendText } from './response-writer';

/** What the listener reads from and writes to; owned by `FakeOpenAIServer`. */
export interface FakeOpenAIState {
  readonly modelList: readonly string[];
  readonly models: ReadonlySet<string>;
  readonly apiKey: string | undefined;
  readonly reply: (request: FakeChatCompletionRequest) => string;
  readonly toolArguments: (request: FakeChatCompletionRequest, toolName: string) => string;
  readonly recordRequests: boolean;
  readonly requests: RecordedRequest[];
  readonly faults: FakeOpenAIFault[];
  readonly embeddingModels: ReadonlyMap<string, FakeEmbeddingModel>;
  onClientAbort(): void;
  onEmbeddingCall(inputs: number): void;
}

const MODEL_PATH_PREFIX = '/v1/models/';
const BEARER = /^bearer\s+(\S+)\s*$/i;

export function createRequestListener(state: FakeOpenAIState): RequestListener {
  return (req, res) => {
    const exchange = new Exchange(req, res, () => state.onClientAbort());
    // Taken on arrival rather than after the body is read, so faults map to requests in arrival order.
    const fault = state.faults.shift();
    readBody(req)
      .then((raw) => respond(state, exchange, raw, fault))
      .catch((error: unknown) => {
        // Most likely a throwing `reply` callback: surface it to the test instead of hanging.
        sendError(exchange, internalError(error instanceof Error ? error.message : String(error)));
      });
  };
}

async function respond(
  state: FakeOpenAIState,
  exchange: Exchange,
  raw: string,
  fault: FakeOpenAIFault | undefined,
): Promise<void> {
  const method = exchange.req.method ?? 'GET';
  const url = exchange.req.url ?? '/';
  const body = parseBody(raw);
  if (state.recordRequests) {
    state.requests.push({
      method,
      path: url,
      headers: { ...exchange.req.headers },
      body: body.recorded,
      response: exchange.response,
    });
  }

  if (fault?.kind === 'hang') return;
  if (fault?.kind === 'delayFirstByte' && !(await exchange.sleep(fault.ms))) return;
  if (fault?.kind === 'status') return sendStatusFault(exchange, fault);
  const injected = injectedError(fault, body.json, state.modelList);
  if (injected) return sendError(exchange, injected);

  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const route = matchRoute(method, path);
  if (route === undefined) return sendError(exchange, invalidUrl(method, path));

  const authError = checkAuth(exchange.req, state.apiKey);
  if (authError) return sendError(exchange, authError);

  switch (route.name) {
    case 'chatCompletions':
      if (!body.valid) return sendError(exchange, invalidJsonBody());
      return handleChatCompletions(exchange, body.json, fault, state);
    case 'embeddings':
      if (!body.valid) return sendError(exchange, invalidJsonBody());
      return handleEmbeddings(exchange, body.json, fault, state);
    case 'listModels':
      return handleListModels(exchange, state.modelList);
    case 'retrieveModel':
      return handleRetrieveModel(exchange, state.models, route.id);
  }
}

type Route =
  | { name: 'chatCompletions' }
  | { name: 'embeddings' }
  | { name: 'listModels' }
  | { name: 'retrieveModel'; id: string };

function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { name: 'chatCompletions' };
  if (method === 'POST' && path === '/v1/embeddings') return { name: 'embeddings' };
  if (method !== 'GET') return undefined;
  if (path === '/v1/models') return { name: 'listModels' };
  if (path.startsWith(MODEL_PATH_PREFIX) && path.length > MODEL_PATH_PREFIX.length) {
    return { name: 'retrieveModel', id: decodeURIComponent(path.slice(MODEL_PATH_PREFIX.length)) };
  }
  return undefined;
}

function checkAuth(req: IncomingMessage, apiKey: string | undefined): OpenAIErrorReply | undefined {
  if (apiKey === undefined) return undefined;
  // The auth scheme is case-insensitive (RFC 9110); the key itself is not.
  const presented = BEARER.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (presented === '') return missingApiKey();
  return presented === apiKey ? undefined : incorrectApiKey(presented);
}

function injectedError(
  fault: FakeOpenAIFault | undefined,
  body: unknown,
  modelList: readonly string[],
): OpenAIErrorReply | undefined {
  switch (fault?.kind) {
    case 'rateLimit': {
      const requested = (body as { model?: unknown } | undefined)?.model;
      const model = typeof requested === 'string' ? requested : (modelList[0] ?? 'gpt-4o-mini');
      return rateLimited(model, fault.retryAfterSeconds, REQUESTS_PER_MINUTE_LIMIT);
    }
    case 'serverError':
      return serverError(fault.status);
    default:
      return undefined;
  }
}

function sendStatusFault(
  exchange: Exchange,
  fault: Extract<FakeOpenAIFault, { kind: 'status' }>,
): void {
  if (fault.body === undefined) {
    const error = genericError(fault.status);
    return sendText(
      exchange,
      fault.status,
      JSON.stringify(error.body),
      ERROR_CONTENT_TYPE,
      fault.headers,
    );
  }
  // A string is sent verbatim so tests can reproduce non-JSON bodies such as a proxy's HTML error page.
  const isText = typeof fault.body === 'string';
  const text = isText ? (fault.body as string) : JSON.stringify(fault.body);
  sendText(
    exchange,
    fault.status,
    text,
    isText ? 'text/plain; charset=utf-8' : ERROR_CONTENT_TYPE,
    fault.headers,
  );
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      resolve(
        chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    req.on('error', reject);
  });
}
