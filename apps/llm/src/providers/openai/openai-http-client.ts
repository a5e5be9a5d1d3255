import type { Dispatcher } from 'undici';
import OpenAI from 'openai';
import type { UpstreamExchange } from '../upstream-trace';
import { serverSentEvents } from './server-sent-events';

/** Where an OpenAI-compatible deployment's chat endpoint is, and how to call it. */
export interface ChatEndpoint {
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
 * Chat completions over undici's `request`, without the OpenAI SDK, throwing what the SDK
 * would throw for the same failure (`APIError.generate` for an error status, including an
 * `error` event mid-stream; `APIConnectionError` / `APIConnectionTimeoutError` for a transport
 * failure; `APIUserAbortError` when the caller's signal aborted), so `toDomainError` maps
 * every failure as before.
 *
 * Why not the SDK: against a local provider it cost ~0.6 ms of CPU per non-streaming call and
 * ~1 ms per 17-chunk stream (request building, WHATWG fetch, Response, Headers and web-stream
 * objects, its SSE decoder), several times the HTTP exchange itself and the largest share of
 * the llm service's CPU per chat (docs/architecture.md, "The hot path"). The SDK stays for
 * its error classes, which the rest of the adapter already speaks.
 */
export class OpenAIHttpClient {
  private readonly origin: string;
  private readonly path: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly endpoint: ChatEndpoint) {
    const url = new URL(
      `${(endpoint.baseURL || OPENAI_BASE_URL).replace(/\/+$/, '')}/chat/completions`,
    );
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.headers = {
      authorization: `Bearer ${endpoint.apiKey}`,
      'content-type': 'application/json',
      'user-agent': 'conduit-llm',
      ...(endpoint.organization && { 'openai-organization': endpoint.organization }),
      ...(endpoint.project && { 'openai-project': endpoint.project }),
    };
  }

  /**
   * One non-streaming completion: the parsed JSON body (or the text, if it is not JSON).
   * `exchange` adds its headers (trace context, our request id) and hears the provider's
   * `x-request-id`, on an error status too.
   */
  async complete(
    body: object,
    signal?: AbortSignal,
    exchange?: UpstreamExchange,
  ): Promise<unknown> {
    const response = await this.post(body, 'application/json', signal, exchange);
    const text = await readText(response, signal);
    // Not JSON at all is the same failure as JSON of the wrong shape: the caller's schema
    // check reports a malformed completion.
    return parseJson(text) ?? text;
  }

  /**
   * Resolves once the provider accepted the stream (an error status throws here, before any
   * chunk), then yields each `data:` payload parsed as JSON until `[DONE]` (anything after it is
   * read and dropped). A payload that is
   * not JSON throws (a malformed chunk); a cut connection throws what undici threw.
   */
  async stream(
    body: object,
    signal?: AbortSignal,
    exchange?: UpstreamExchange,
  ): Promise<AsyncIterable<unknown>> {
    const response = await this.post(body, 'text/event-stream', signal, exchange);
    response.body.setEncoding('utf8');
    const headers = response.headers;
    return (async function* chunks() {
      let done = false;
      try {
        for await (const event of serverSentEvents(response.body as AsyncIterable<string>)) {
          // Read on to the body's end (it follows [DONE] at once) rather than break off: leaving
          // a stream's iterator early destroys it, and Node builds an AbortError with a stack
          // trace for that — 3 % of the llm service's CPU, once per stream.
          if (done || event.data === '[DONE]') {
            done = true;
            continue;
          }
          const data = JSON.parse(event.data) as { error?: object } | null;
          if (data && typeof data === 'object' && data.error) {
            throw new OpenAI.APIError(undefined, data.error, undefined, toHeaders(headers));
          }
          yield data;
        }
      } catch (error) {
        if (signal?.aborted) throw new OpenAI.APIUserAbortError();
        throw error;
      } finally {
        // Stopping early (a cancel, a consumer that broke off) must not leave the socket busy.
        if (!response.body.destroyed && !response.body.readableEnded) response.body.destroy();
      }
    })();
  }

  private async post(
    body: object,
    accept: string,
    signal: AbortSignal | undefined,
    exchange: UpstreamExchange | undefined,
  ): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.endpoint.dispatcher.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        // The exchange's headers first: they never replace the deployment's own.
        headers: exchange
          ? { ...exchange.headers, ...this.headers, accept }
          : { ...this.headers, accept },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw transportError(error, signal);
    }
    if (exchange) {
      const id = response.headers['x-request-id'];
      exchange.providerRequestId(Array.isArray(id) ? id[0] : id);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const text = await readText(response, signal);
    const errorJson = parseJson(text);
    throw OpenAI.APIError.generate(
      response.statusCode,
      errorJson,
      errorJson === undefined ? text : undefined,
      toHeaders(response.headers),
    );
  }
}

async function readText(
  response: Dispatcher.ResponseData,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw transportError(error, signal);
  }
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
