import type { Exchange } from '../fake-openai/exchange';
import { invalidRequest, modelNotFound } from './anthropic-error';
import { JSON_CONTENT_TYPE } from './anthropic-headers';
import type { MessagesSettings } from './messages.handler';
import { validateMessagesRequest } from './messages-request.validator';
import { sendError, sendText } from './response-writer';
import { countInputTokens } from './token-count';

/**
 * `POST /v1/messages/count_tokens`: a Messages request without `max_tokens` (and never a
 * stream), answered `{ "input_tokens": n }` with the same count the fake's messages report.
 */
export function handleCountTokens(
  exchange: Exchange,
  body: unknown,
  settings: MessagesSettings,
): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendError(exchange, invalidRequest('The request body must be a JSON object.'));
  }
  if ('max_tokens' in body || 'stream' in body) {
    const field = 'max_tokens' in body ? 'max_tokens' : 'stream';
    return sendError(exchange, invalidRequest(`${field}: Extra inputs are not permitted`));
  }
  // The messages validator checks everything else a count request shares with a create.
  const validation = validateMessagesRequest({ ...body, max_tokens: 1 });
  if (!validation.ok) return sendError(exchange, validation.error);
  const { request } = validation;
  if (settings.models && !settings.models.has(request.model)) {
    return sendError(exchange, modelNotFound(request.model));
  }
  sendText(
    exchange,
    200,
    JSON.stringify({ input_tokens: countInputTokens(request) }),
    JSON_CONTENT_TYPE,
  );
}
