import type { Exchange } from '../fake-openai/exchange';
import { modelNotFound } from './anthropic-error';
import { sendError, sendJson } from './response-writer';

// Current Claude models, newest first as the real list is ordered.
const DISPLAY_NAMES: Record<string, string> = {
  'claude-opus-4-5-20251101': 'Claude Opus 4.5',
  'claude-haiku-4-5-20251001': 'Claude Haiku 4.5',
  'claude-sonnet-4-5-20250929': 'Claude Sonnet 4.5',
};
export const DEFAULT_MODELS = Object.keys(DISPLAY_NAMES);

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;
const DATED_ID = /-(\d{4})(\d{2})(\d{2})$/;

/**
 * A model object as `GET /v1/models` returns it. `created_at` is the date in the id's
 * `-YYYYMMDD` suffix, else the Unix epoch, which Anthropic documents for unknown dates; the
 * display name of a model the fake does not know is its id.
 */
function toModel(id: string): Record<string, unknown> {
  const dated = DATED_ID.exec(id);
  const createdAt = dated
    ? `${dated[1]}-${dated[2]}-${dated[3]}T00:00:00Z`
    : '1970-01-01T00:00:00Z';
  const line = ['haiku', 'sonnet', 'opus'].find((name) => id.includes(name)) ?? null;
  return {
    type: 'model',
    id,
    display_name: DISPLAY_NAMES[id] ?? id,
    created_at: createdAt,
    capabilities: null,
    deprecated_at: null,
    lifecycle: 'active',
    line,
    max_input_tokens: null,
    max_tokens: null,
    retires_at: null,
  };
}

/** `GET /v1/models`, paginated like the real API with `limit`, `after_id` and `before_id`. */
export function handleListModels(
  exchange: Exchange,
  models: readonly string[],
  query: URLSearchParams,
): void {
  const limit = Math.min(
    MAX_PAGE_SIZE,
    Math.max(1, Number.parseInt(query.get('limit') ?? '', 10) || DEFAULT_PAGE_SIZE),
  );
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let page: string[];
  let hasMore: boolean;
  if (beforeId !== null) {
    const end = Math.max(0, models.indexOf(beforeId));
    page = models.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = afterId === null ? 0 : models.indexOf(afterId) + 1;
    page = start === 0 && afterId !== null ? [] : models.slice(start, start + limit);
    hasMore = start + limit < models.length && page.length > 0;
  }
  sendJson(exchange, 200, {
    data: page.map(toModel),
    has_more: hasMore,
    first_id: page[0] ?? null,
    last_id: page.at(-1) ?? null,
  });
}

/** `GET /v1/models/{id}` */
export function handleRetrieveModel(
  exchange: Exchange,
  models: readonly string[],
  id: string,
): void {
  if (!models.includes(id)) return sendError(exchange, modelNotFound(id));
  sendJson(exchange, 200, toModel(id));
}
