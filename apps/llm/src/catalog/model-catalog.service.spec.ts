import { ConfigError, loadConfig } from '@conduit/config';
import { NotFoundError } from '@conduit/contracts';
import { LlmConfigSchema } from '../config/llm-config.schema';
import { ModelCatalogService } from './model-catalog.service';

const config = loadConfig(LlmConfigSchema, {
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  OPENAI_MODELS: 'gpt-4o-mini,llama3',
  OPENAI_MODEL_PRICES: JSON.stringify({
    llama3: { input_usd_per_mtok: 0.2, output_usd_per_mtok: 0.6, effective_from: '2025-03-01' },
  }),
  LOCAL_PRICE_INPUT_USD_PER_MTOK: '4',
});

describe('ModelCatalogService', () => {
  const catalog = new ModelCatalogService(config);

  it('carries each model with its prices and limits', () => {
    expect(catalog.resolve('local/echo')).toMatchObject({
      provider: { name: 'local' },
      contextWindow: 128_000,
      maxOutputTokens: 4_096,
      prices: [{ inputMicroUsdPerMTok: 4_000_000, outputMicroUsdPerMTok: 30_000_000 }],
    });
    expect(catalog.resolve('gpt-4o-mini')).toMatchObject({
      id: 'openai/gpt-4o-mini',
      prices: [{ effectiveFrom: '2024-07-18', inputMicroUsdPerMTok: 150_000 }],
    });
    expect(catalog.resolve('openai/llama3')).toMatchObject({
      contextWindow: 128_000,
      prices: [{ effectiveFrom: '2025-03-01', outputMicroUsdPerMTok: 600_000 }],
    });
    expect(() => catalog.resolve('openai/gpt-4o')).toThrow(NotFoundError);
  });

  it('refuses to build from a config that skipped validation and left a model unpriced', () => {
    expect(() => new ModelCatalogService({ ...config, OPENAI_MODEL_PRICES: {} })).toThrow(
      ConfigError,
    );
  });
});
