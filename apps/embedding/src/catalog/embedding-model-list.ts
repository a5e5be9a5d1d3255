import type { ModelList } from '@conduit/contracts';
import type { EmbeddingModel } from './embedding-model';

/**
 * OpenAI's `created` is when the model was published; Conduit's catalog has no such date, so
 * every embedding model carries the same fixed one, as the chat catalog does.
 */
const CATALOG_CREATED = 1_763_856_000; // 2025-11-23T00:00:00Z

/** The served embedding models in OpenAI's list shape, owned by the deployment serving them. */
export function embeddingModelList(models: readonly EmbeddingModel[]): ModelList {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      created: CATALOG_CREATED,
      owned_by: model.provider,
    })),
  };
}
