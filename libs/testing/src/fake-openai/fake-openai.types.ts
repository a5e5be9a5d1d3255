/**
 * A fault perturbs the response to exactly one request. Faults are consumed in FIFO order,
 * one per incoming request (any route), so a test can script "fail, fail, succeed".
 */
export type FakeOpenAIFault =
  /** An arbitrary response. `body` is sent as JSON, or verbatim when it is a string (e.g. an HTML proxy page). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 429 with OpenAI's body, `Retry-After` and exhausted `x-ratelimit-*-requests` headers. */
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  /** OpenAI-shaped 5xx (default 500). */
  | { kind: 'serverError'; status?: 500 | 502 | 503 }
  /** Wait before sending the status line; the request is then answered normally. */
  | { kind: 'delayFirstByte'; ms: number }
  /** Space SSE frames `chunkIntervalMs` apart. No effect on non-streaming requests. */
  | { kind: 'slowStream'; chunkIntervalMs: number }
  /**
   * Send the headers and `chunks` SSE frames, then close the socket: no finish chunk, no `[DONE]`,
   * no terminating HTTP chunk. For a non-streaming request the socket closes right after the headers.
   */
  | { kind: 'disconnectAfterChunks'; chunks: number }
  /** Emit `data: {not json` after `afterChunks` frames, then continue. Non-streaming: a 200 with a non-JSON body. */
  | { kind: 'malformedChunk'; afterChunks: number }
  /** No `usage` in the JSON body; no usage chunk (nor `"usage":null`) in a stream even with `include_usage`. */
  | { kind: 'omitUsage' }
  /** Read the request and never answer. */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  /** Path including the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; the raw text when it is not JSON; `undefined` when there was no body. */
  body: unknown;
  /**
   * What the fake answered, filled in once it has: the request id it sent back
   * (`x-request-id` as OpenAI, `request-id` as Anthropic), so a test can check a client
   * recorded the provider's id. Empty while unanswered, or for a hung request.
   */
  response: ExchangeResponse;
}

export interface ExchangeResponse {
  requestId?: string;
}

export interface FakeContentPart {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface FakeToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface FakeChatMessage {
  role: string;
  content?: string | FakeContentPart[] | null;
  name?: string;
  tool_calls?: FakeToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface FakeTool {
  type: string;
  function?: { name: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type FakeToolChoice =
  'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

/**
 * The request body after validation: the fields the fake acts on are checked, the rest is passed through.
 */
export interface FakeChatCompletionRequest {
  model: string;
  messages: FakeChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null; [key: string]: unknown } | null;
  n?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  tools?: FakeTool[] | null;
  tool_choice?: FakeToolChoice | null;
  /** Per-token log probabilities of the content, in the body's and each chunk's `logprobs`. */
  logprobs?: boolean | null;
  [key: string]: unknown;
}

/** An embedding model the fake serves. */
export interface FakeEmbeddingModel {
  /** Length of its vectors. */
  dimensions: number;
  /** Whether it honours `dimensions` (text-embedding-3-*); otherwise OpenAI's 400 for any value. */
  supportsDimensions: boolean;
}

/** `POST /v1/embeddings` after validation; `input` normalised to a list. */
export interface FakeEmbeddingsRequest {
  model: string;
  /** Texts, or token-id arrays (which OpenAI also accepts). */
  inputs: (string | number[])[];
  encodingFormat: 'float' | 'base64';
  dimensions: number | null;
}

export interface FakeOpenAIServerOptions {
  /** Default `['gpt-4o-mini', 'gpt-4o']`; any other model gets OpenAI's 404 `model_not_found`. */
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`, else OpenAI's 401. */
  apiKey?: string;
  /** Assistant text for a request. Default: `Fake reply to: <last user message text>`. */
  reply?: (request: FakeChatCompletionRequest) => string;
  /**
   * The `function.arguments` (a JSON text) of a forced tool call (`tool_choice`), given the
   * request and the tool's name. Default `{}`. Streamed one token per chunk, as OpenAI does.
   */
  toolArguments?: (request: FakeChatCompletionRequest, toolName: string) => string;
  /** Default true; the benchmark turns it off so memory stays flat. */
  recordRequests?: boolean;
  /**
   * Models of `POST /v1/embeddings`, by name. Default: OpenAI's text-embedding-3-small (1536),
   * text-embedding-3-large (3072), both shortenable, and text-embedding-ada-002 (1536, fixed).
   */
  embeddingModels?: Record<string, FakeEmbeddingModel>;
}
