import { loadConfig } from '@conduit/config';
import { NotFoundError, PermissionDeniedError } from '@conduit/contracts';
import { EmbeddingConfigSchema } from '../config/embedding-config.schema';
import { EmbeddingCatalog } from './embedding-catalog.service';

const catalog = new EmbeddingCatalog(
  loadConfig(EmbeddingConfigSchema, {
    OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
    OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small,text-embedding-ada-002',
    LOCAL_EMBED_DIMENSIONS: '256',
    LOCAL_EMBED_PRICE_PER_MTOK: '0.5',
  }),
);

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('EmbeddingCatalog', () => {
  it('serves local/embed and the configured models under <provider>/<name>', () => {
    expect(catalog.list().map((model) => model.id)).toEqual([
      'local/embed',
      'openai/text-embedding-3-small',
      'openai/text-embedding-ada-002',
    ]);
    expect(catalog.resolve('local/embed')).toMatchObject({
      provider: 'local',
      dimensions: 256,
      maxDimensions: 4096,
      tokenizer: 'o200k_base',
      prices: [{ effectiveFrom: '1970-01-01', microUsdPerMTok: 500_000 }],
    });
    expect(catalog.resolve('openai/text-embedding-3-small')).toMatchObject({
      provider: 'openai',
      upstreamModel: 'text-embedding-3-small',
      tokenizer: 'cl100k_base',
      maxTokensPerCall: 300_000,
    });
  });

  it('resolves bare names too', () => {
    expect(catalog.resolve('text-embedding-3-small').id).toBe('openai/text-embedding-3-small');
    expect(catalog.resolve('embed').id).toBe('local/embed');
  });

  it('refuses an unknown model as not_found on the model parameter', () => {
    const error = thrownBy(() => catalog.resolve('openai/text-embedding-3-large'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'model_not_found', param: 'model' });
  });

  it('checks allow-lists by any name of the model', () => {
    const model = catalog.resolve('text-embedding-3-small');
    expect(() => catalog.assertAllowed(model, 'text-embedding-3-small', null)).not.toThrow();
    expect(() => catalog.assertAllowed(model, 'text-embedding-3-small', undefined)).not.toThrow();
    for (const allowed of [['openai/text-embedding-3-small'], ['text-embedding-3-small']]) {
      expect(() => catalog.assertAllowed(model, 'text-embedding-3-small', allowed)).not.toThrow();
      expect(() =>
        catalog.assertAllowed(model, 'openai/text-embedding-3-small', allowed),
      ).not.toThrow();
    }
    const error = thrownBy(() =>
      catalog.assertAllowed(model, 'text-embedding-3-small', ['local/embed']),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
    expect(() => catalog.assertAllowed(model, 'text-embedding-3-small', [])).toThrow(
      'Allowed: none',
    );
  });
});
