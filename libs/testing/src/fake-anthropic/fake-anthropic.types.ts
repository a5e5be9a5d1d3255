/** Anthropic error types a mid-stream `event: error` can carry. */
export type FakeAnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

/**
 * A fault perturbs the response to exactly one request. Faults are consumed in FIFO order,
 * one per incoming request (any route), so a test can script "fail, fail, succeed".
 * "Frames" are SSE events (`event: …\ndata: …\n\n`), `ping` included.
 */
export type FakeAnthropicFault =
  /** An arbitrary response. `body` is sent as JSON, or verbatim when it is a string; default: an Anthropic error body for the status. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 429 `rate_limit_error` with `retry-after` and exhausted `anthropic-ratelimit-requests-*` headers. */
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  /** 500 `api_error` (default), 503 `api_error` or 529 `overloaded_error`. */
  | { kind: 'serverError'; status?: 500 | 503 | 529 }
  /** Wait before sending the status line; the request is then answered normally. */
  | { kind: 'delayFirstByte'; ms: number }
  /** Space SSE frames `chunkIntervalMs` apart. No effect on non-streaming requests. */
  | { kind: 'slowStream'; chunkIntervalMs: number }
  /**
   * Send the headers and `chunks` frames, then close the socket: never `message_stop`, no
   * terminating HTTP chunk. For a non-streaming request the socket closes right after the headers.
   */
  | { kind: 'disconnectAfterChunks'; chunks: number }
  /**
   * After `afterChunks` frames, emit `event: content_block_delta\ndata: {not json`, then continue.
   * Non-streaming: a 200 whose body is not JSON.
   */
  | { kind: 'malformedChunk'; afterChunks: number }
  /**
   * After `afterChunks` frames, send `event: error` (default `overloaded_error` / `Overloaded`)
   * and end the stream cleanly, as Anthropic does mid-stream. Non-streaming: the same error as
   * an HTTP error response (`overloaded_error` is a 529).
   */
  | {
      kind: 'errorEvent';
      afterChunks: number;
      error?: { type: FakeAnthropicErrorType; message: string };
    }
  /** No `usage` in the JSON body; no `usage` in the stream's `message_delta`. */
  | { kind: 'omitUsage' }
  /** Read the request and never answer. */
  | { kind: 'hang' };

export interface FakeCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/** A content block of a message or of `system`; only the fields the fake acts on are typed. */
export interface FakeAnthropicContentBlock {
  type: string;
  text?: string;
  cache_control?: FakeCacheControl | null;
  [key: string]: unknown;
}

export interface FakeAnthropicMessage {
  role: 'user' | 'assistant';
  content: string | FakeAnthropicContentBlock[];
}

/** A custom tool (`type` absent or `custom`), or a server tool, which has only a name and a type. */
export interface FakeAnthropicTool {
  name: string;
  type?: string | null;
  description?: string;
  input_schema?: { type: 'object'; properties?: Record<string, unknown>; [key: string]: unknown };
  cache_control?: FakeCacheControl | null;
  [key: string]: unknown;
}

export type FakeAnthropicToolChoice =
  | { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

/**
 * A `POST /v1/messages` body after validation: the fields the fake acts on are checked,
 * other known fields (`thinking`, `service_tier`, …) are accepted and ignored.
 */
export interface FakeMessagesRequest {
  model: string;
  max_tokens: number;
  messages: FakeAnthropicMessage[];
  system?: string | FakeAnthropicContentBlock[];
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: FakeAnthropicTool[];
  tool_choice?: FakeAnthropicToolChoice;
  metadata?: { user_id?: string | null };
  stream?: boolean;
  /** Top-level automatic caching: a breakpoint on the last block of the request. */
  cache_control?: FakeCacheControl | null;
  [key: string]: unknown;
}

export interface FakeAnthropicServerOptions {
  /**
   * Models `GET /v1/models` lists. When set, `POST /v1/messages` with any other model gets
   * Anthropic's 404 `not_found_error`; when not set, every model is accepted and a default
   * list of current Claude models is listed.
   */
  models?: string[];
  /**
   * When set, the key (`x-api-key`, or `Authorization: Bearer` as SDK 1.x sends it) must equal
   * it. A key is always required (any value when unset).
   */
  apiKey?: string;
  /** Assistant text for a request. Default: `Fake reply to: <last user message text>`. */
  reply?: (request: FakeMessagesRequest) => string;
  /** Input of a `tool_use` block. Default: a placeholder per property of the tool's `input_schema`. */
  toolInput?: (request: FakeMessagesRequest, tool: FakeAnthropicTool) => Record<string, unknown>;
  /** Default true; turn off for load tests so memory stays flat. */
  recordRequests?: boolean;
  /** Larger bodies get 413 `request_too_large`. Default 32 MB, the Messages API limit. */
  maxRequestBytes?: number;
}
