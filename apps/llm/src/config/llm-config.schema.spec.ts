import { ConfigError, loadConfig } from '@conduit/config';
import { LlmConfigSchema } from './llm-config.schema';

describe('LlmConfigSchema', () => {
  it('runs keyless by default', () => {
    expect(loadConfig(LlmConfigSchema, {}).OPENAI_MODELS).toEqual([]);
  });

  it('parses the model list', () => {
    const config = loadConfig(LlmConfigSchema, {
      OPENAI_API_KEY: 'sk-x',
      OPENAI_MODELS: ' gpt-4o-mini , gpt-4o,',
    });
    expect(config.OPENAI_MODELS).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('refuses a provider without models and models without a provider', () => {
    expect(() =>
      loadConfig(LlmConfigSchema, { OPENAI_BASE_URL: 'http://localhost:11434/v1' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig(LlmConfigSchema, { OPENAI_MODELS: 'llama3' })).toThrow(/OPENAI_MODELS/);
  });
});
