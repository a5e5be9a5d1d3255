import type { Exchange } from '../fake-openai/exchange';
import type { AnthropicErrorReply } from './anthropic-error';
import {
  anthropicHeaders,
  EVENT_STREAM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
} from './anthropic-headers';
import { newRequestId } from './anthropic-ids';

/**
 * Send a complete body with an explicit Content-Length, so Node writes headers and body in
 * one go instead of chunk-framing it.
 */
export function sendText(
  exchange: Exchange,
  status: number,
  text: string,
  contentType: string,
  extraHeaders?: Record<string, string>,
  requestId: string = newRequestId(),
): void {
  const { res } = exchange;
  if (exchange.closed || res.headersSent) return;
  const headers = anthropicHeaders(requestId, contentType);
  if (extraHeaders) Object.assign(headers, lowerCaseKeys(extraHeaders));
  // A fault may send its own request id.
  exchange.response.requestId = headers['request-id'];
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}

export function sendJson(exchange: Exchange, status: number, body: unknown): void {
  sendText(exchange, status, JSON.stringify(body), JSON_CONTENT_TYPE);
}

/** The error body's `request_id` is the `request-id` header, as on the real API. */
export function sendError(exchange: Exchange, error: AnthropicErrorReply): void {
  const requestId = newRequestId();
  const body = {
    type: 'error',
    error: { type: error.type, message: error.message },
    request_id: requestId,
  };
  sendText(
    exchange,
    error.status,
    JSON.stringify(body),
    JSON_CONTENT_TYPE,
    error.headers,
    requestId,
  );
}

/** Status line and headers of an SSE response; frames follow with `res.write`. */
export function startEventStream(exchange: Exchange): void {
  const requestId = newRequestId();
  exchange.response.requestId = requestId;
  exchange.res.writeHead(200, {
    ...anthropicHeaders(requestId, EVENT_STREAM_CONTENT_TYPE),
    'cache-control': 'no-cache',
  });
}

/**
 * Promise a full body (Content-Length) and deliver none of it: the client sees the
 * connection drop mid-response, as when a provider's connection resets.
 */
export function sendHeadersThenCut(exchange: Exchange, text: string): void {
  const { res } = exchange;
  if (exchange.closed || res.headersSent) return;
  const headers = anthropicHeaders(newRequestId(), JSON_CONTENT_TYPE);
  exchange.response.requestId = headers['request-id'];
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(200, headers);
  res.flushHeaders();
  exchange.cutConnection();
}

// Caller-supplied headers must replace ours, not sit beside them under another casing.
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
