import type { Exchange } from './exchange';
import {
  ERROR_CONTENT_TYPE,
  EVENT_STREAM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  openAIHeaders,
} from './openai-headers';
import type { OpenAIErrorReply } from './openai-error';

/**
 * Send a complete body with an explicit Content-Length, so Node writes headers and body in
 * one go instead of chunk-framing it: the cheapest path for the benchmark baseline.
 */
export function sendText(
  exchange: Exchange,
  status: number,
  text: string,
  contentType: string,
  extraHeaders?: Record<string, string>,
): void {
  const { res } = exchange;
  if (exchange.closed || res.headersSent) return;
  const headers = openAIHeaders(exchange, contentType);
  if (extraHeaders) {
    Object.assign(headers, lowerCaseKeys(extraHeaders));
    // A fault may send its own request id.
    exchange.response.requestId = headers['x-request-id'];
  }
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}

export function sendJson(exchange: Exchange, status: number, body: unknown): void {
  sendText(exchange, status, JSON.stringify(body), JSON_CONTENT_TYPE);
}

export function sendError(exchange: Exchange, error: OpenAIErrorReply): void {
  sendText(exchange, error.status, JSON.stringify(error.body), ERROR_CONTENT_TYPE, error.headers);
}

/** Status line and headers of an SSE response; frames follow with `res.write`. */
export function startEventStream(exchange: Exchange): void {
  exchange.res.writeHead(200, openAIHeaders(exchange, EVENT_STREAM_CONTENT_TYPE));
}

// Caller-supplied headers must replace ours, not sit beside them under another casing.
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/**
 * Promise a full body (Content-Length) and deliver none of it: the client sees the
 * connection drop mid-response, as when a provider's connection resets.
 */
export function sendHeadersThenCut(
  exchange: Exchange,
  status: number,
  text: string,
  contentType: string,
): void {
  const { res } = exchange;
  if (exchange.closed || res.headersSent) return;
  const headers = openAIHeaders(exchange, contentType);
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.flushHeaders();
  exchange.cutConnection();
}
