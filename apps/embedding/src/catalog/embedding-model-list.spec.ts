import { loadConfig } from '@conduit/config';
import { ModelListSchema } from '@conduit/contracts';
import { EmbeddingConfigSchema } from '../config/embedding-config.schema';
import { EmbeddingCatalog } from './embedding-catalog.service';
import { embeddingModelList } from './embedding-model-list';

describe('embeddingModelList', () => {
  it('lists every served embedding model in OpenAI list shape, owned by its deployment', () => {
    const config = loadConfig(EmbeddingConfigSchema, {
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small',
    });
    const list = embeddingModelList(new EmbeddingCatalog(config).list());
    expect(ModelListSchema.parse(list)).toEqual(list);
    expect(list.data.map((model) => [model.id, model.owned_by])).toEqual([
      ['local/embed', 'local'],
      ['openai/text-embedding-3-small', 'openai'],
    ]);
    expect(list.data.every((model) => model.object === 'model' && model.created > 0)).toBe(true);
  });
});
