import type { Exchange } from './exchange';
import { retrievedModelNotFound } from './openai-error';
import { sendError, sendJson } from './response-writer';

// Real creation dates for the defaults, so a client that sorts or displays them behaves as in production.
const KNOWN_CREATED: Record<string, number> = {
  'gpt-4o-mini': 1721172741,
  'gpt-4o': 1715367049,
};
const FALLBACK_CREATED = 1700000000;

function toModel(id: string): Record<string, unknown> {
  return {
    id,
    object: 'model',
    created: KNOWN_CREATED[id] ?? FALLBACK_CREATED,
    owned_by: 'system',
  };
}

/** `GET /v1/models` */
export function handleListModels(exchange: Exchange, models: readonly string[]): void {
  sendJson(exchange, 200, { object: 'list', data: models.map(toModel) });
}

/** `GET /v1/models/{id}` */
export function handleRetrieveModel(
  exchange: Exchange,
  models: ReadonlySet<string>,
  id: string,
): void {
  if (!models.has(id)) return sendError(exchange, retrievedModelNotFound(id));
  sendJson(exchange, 200, toModel(id));
}
