import { ConfigError, loadConfig } from '@conduit/config';
import { EmbeddingConfigSchema } from './embedding-config.schema';

const openai = { OPENAI_BASE_URL: 'http://localhost:11434/v1' };

/** The message of the ConfigError that loading `env` throws. */
function configProblem(env: Record<string, string>): string {
  try {
    loadConfig(EmbeddingConfigSchema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the config was accepted');
}

describe('EmbeddingConfigSchema', () => {
  it('runs keyless by default with batching, a cache and a non-zero local price', () => {
    const config = loadConfig(EmbeddingConfigSchema, {});
    expect(config).toMatchObject({
      EMBEDDING_BATCH_SIZE: 64,
      EMBEDDING_BATCH_WAIT_MS: 5,
      EMBEDDING_CACHE_ENTRIES: 10_000,
      EMBEDDING_CACHE_TTL_SECONDS: 604_800,
      EMBEDDING_CACHE_TIMEOUT_MS: 100,
      EMBEDDING_PROVIDER_TIMEOUT_MS: 30_000,
      LOCAL_EMBED_DIMENSIONS: 384,
      LOCAL_EMBED_PRICE_PER_MTOK: 0.1,
      OPENAI_PROVIDER_NAME: 'openai',
      OPENAI_EMBEDDING_MODELS: [],
      OPENAI_EMBEDDING_MODEL_PRICES: {},
      OPENAI_EMBEDDING_ENCODING: 'base64',
    });
  });

  it('refuses a free or negative local price, naming the variable', () => {
    expect(configProblem({ LOCAL_EMBED_PRICE_PER_MTOK: '0' })).toContain(
      'LOCAL_EMBED_PRICE_PER_MTOK="0": must be more than 0',
    );
    expect(configProblem({ LOCAL_EMBED_PRICE_PER_MTOK: '-1' })).toContain(
      'LOCAL_EMBED_PRICE_PER_MTOK',
    );
    expect(loadConfig(EmbeddingConfigSchema, { LOCAL_EMBED_PRICE_PER_MTOK: '0.05' })).toMatchObject(
      { LOCAL_EMBED_PRICE_PER_MTOK: 0.05 },
    );
  });

  it.each([
    ['EMBEDDING_BATCH_SIZE', '0'],
    ['EMBEDDING_BATCH_WAIT_MS', '-1'],
    ['EMBEDDING_CACHE_ENTRIES', '-5'],
    ['EMBEDDING_CACHE_TTL_SECONDS', '0'],
    ['EMBEDDING_CACHE_TIMEOUT_MS', '0'],
    ['REDIS_URL', 'not a url'],
    ['LOCAL_EMBED_DIMENSIONS', '4097'],
    ['EMBEDDING_PROVIDER_TIMEOUT_MS', '0'],
    ['OPENAI_PROVIDER_NAME', 'local'],
    ['OPENAI_EMBEDDING_ENCODING', 'int8'],
  ])('refuses %s=%s', (name, value) => {
    expect(configProblem({ [name]: value })).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it('keeps the cache in memory unless REDIS_URL names a Redis', () => {
    expect(loadConfig(EmbeddingConfigSchema, {}).REDIS_URL).toBeUndefined();
    expect(loadConfig(EmbeddingConfigSchema, { REDIS_URL: 'redis://redis:6379' })).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
    });
  });

  it('turns the cache off with 0', () => {
    expect(loadConfig(EmbeddingConfigSchema, { EMBEDDING_CACHE_ENTRIES: '0' })).toMatchObject({
      EMBEDDING_CACHE_ENTRIES: 0,
    });
  });

  it("serves OpenAI's models from the built-in table", () => {
    const config = loadConfig(EmbeddingConfigSchema, {
      OPENAI_API_KEY: 'sk-x',
      OPENAI_EMBEDDING_MODELS:
        ' text-embedding-3-small, text-embedding-3-large,,text-embedding-3-small',
    });
    expect(config.OPENAI_EMBEDDING_MODELS).toEqual([
      'text-embedding-3-small',
      'text-embedding-3-large',
    ]);
  });

  it('accepts a key or URL without embedding models (the llm shares them), not the reverse', () => {
    expect(() => loadConfig(EmbeddingConfigSchema, openai)).not.toThrow();
    expect(configProblem({ OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small' })).toContain(
      'OPENAI_EMBEDDING_MODELS="text-embedding-3-small": set OPENAI_API_KEY',
    );
  });

  it('refuses a model without a known price, naming it and the variable to set — never $0', () => {
    const problem = configProblem({
      ...openai,
      OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small,nomic-embed-text',
    });
    expect(problem).toContain(
      `no price is known for the embedding model 'nomic-embed-text': give it one in OPENAI_EMBEDDING_MODEL_PRICES`,
    );
    expect(problem).not.toContain("'text-embedding-3-small'");
  });

  it('prices and sizes other models from OPENAI_EMBEDDING_MODEL_PRICES', () => {
    const config = loadConfig(EmbeddingConfigSchema, {
      ...openai,
      OPENAI_EMBEDDING_MODELS: 'nomic-embed-text',
      OPENAI_EMBEDDING_MODEL_PRICES:
        '{"nomic-embed-text":{"input_usd_per_mtok":0.01,"dimensions":768}}',
    });
    expect(config.OPENAI_EMBEDDING_MODEL_PRICES['nomic-embed-text']).toEqual({
      input_usd_per_mtok: 0.01,
      dimensions: 768,
    });
  });

  it('refuses a priced model of unknown size, prices of unlisted models, and bad JSON', () => {
    expect(
      configProblem({
        ...openai,
        OPENAI_EMBEDDING_MODELS: 'bge-m3',
        OPENAI_EMBEDDING_MODEL_PRICES: '{"bge-m3":{"input_usd_per_mtok":0.01}}',
      }),
    ).toContain(`the vector size of 'bge-m3' is unknown: add "dimensions"`);
    expect(
      configProblem({
        ...openai,
        OPENAI_EMBEDDING_MODEL_PRICES: '{"bge-m3":{"input_usd_per_mtok":0.01,"dimensions":1024}}',
      }),
    ).toContain("'bge-m3' is not listed in OPENAI_EMBEDDING_MODELS");
    expect(configProblem({ OPENAI_EMBEDDING_MODEL_PRICES: '{nope' })).toContain('must be JSON');
    expect(
      configProblem({
        ...openai,
        OPENAI_EMBEDDING_MODELS: 'm',
        OPENAI_EMBEDDING_MODEL_PRICES: '{"m":{"input_usd_per_mtok":0.01,"dimensions":8,"x":1}}',
      }),
    ).toContain('OPENAI_EMBEDDING_MODEL_PRICES');
  });

  it('refuses prices that are not in effect yet', () => {
    expect(
      configProblem({
        ...openai,
        OPENAI_EMBEDDING_MODELS: 'm',
        OPENAI_EMBEDDING_MODEL_PRICES:
          '{"m":{"input_usd_per_mtok":0.01,"dimensions":8,"effective_from":"2999-01-01"}}',
      }),
    ).toContain("no price of the embedding model 'm' is in effect yet");
    expect(configProblem({ LOCAL_EMBED_PRICE_EFFECTIVE_FROM: '2999-01-01' })).toContain(
      'LOCAL_EMBED_PRICE_EFFECTIVE_FROM="2999-01-01": must be today or earlier',
    );
  });
});
