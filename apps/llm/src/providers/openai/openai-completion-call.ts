import type { Dispatcher } from 'undici';
import OpenAI from 'openai';

/** Where an OpenAI-compatible deployment's non-streaming chat endpoint is, and how to call it. */
export interface CompletionEndpoint {
  dispatcher: Dispatcher;
  /** The deployment's base URL (`…/v1`); OpenAI's own when the catalog gives none. */
  baseURL: string;
  apiKey: string;
  /** Sent as `OpenAI-Organization` / `OpenAI-Project`, as the SDK does. */
  organization?: string | null;
  project?: string | null;
}

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * POSTs one non-streaming chat completion with undici's `request` and returns the parsed JSON
 * body, throwing what the OpenAI SDK would throw for the same failure (`APIError.generate` for
 * an error status, `APIConnectionError` for a transport failure, `APIUserAbortError` when the
 * caller's signal aborted), so `toDomainError` maps both paths alike.
 *
 * Why not the SDK: on the non-streaming path it cost ~0.7 ms of CPU per call against a local
 * provider (the SDK's request building plus WHATWG `fetch`, Response and Headers objects),
 * six times the HTTP exchange itself and the largest single share of the llm service's CPU
 * per chat (bench/README.md, "Where the time goes"). Streams stay on the SDK: its SSE parser
 * is worth its cost once per stream.
 */
export function openAICompletionCall(endpoint: CompletionEndpoint) {
  const url = new URL(
    `${(endpoint.baseURL || OPENAI_BASE_URL).replace(/\/+$/, '')}/chat/completions`,
  );
  const origin = url.origin;
  const path = `${url.pathname}${url.search}`;
  const headers = {
    authorization: `Bearer ${endpoint.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'conduit-llm',
    ...(endpoint.organization && { 'openai-organization': endpoint.organization }),
    ...(endpoint.project && { 'openai-project': endpoint.project }),
  };

  return async function call(body: object, signal?: AbortSignal): Promise<unknown> {
    let response: Dispatcher.ResponseData;
    try {
      response = await endpoint.dispatcher.request({
        origin,
        path,
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw transportError(error, signal);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw transportError(error, signal);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const errorJson = parseJson(text);
      throw OpenAI.APIError.generate(
        response.statusCode,
        errorJson,
        errorJson === undefined ? text : undefined,
        toHeaders(response.headers),
      );
    }
    // Not JSON at all is the same failure as JSON of the wrong shape: the caller's schema check
    // reports a malformed completion.
    return parseJson(text) ?? text;
  };
}

/** undici's own timeouts: the connect timeout of the deployment's transport, chiefly. */
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function transportError(error: unknown, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return new OpenAI.APIUserAbortError();
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new OpenAI.APIConnectionTimeoutError();
  }
  return new OpenAI.APIConnectionError({
    cause: error instanceof Error ? error : new Error(String(error)),
  });
}

function parseJson(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Only built for an error (its `Retry-After` is read), never on the success path. */
function toHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
