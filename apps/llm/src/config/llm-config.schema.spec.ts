import { ConfigError, loadConfig } from '@conduit/config';
import { LlmConfigSchema } from './llm-config.schema';

const openai = { OPENAI_BASE_URL: 'http://localhost:11434/v1' };

/** The message of the ConfigError that loading `env` throws. */
function configProblem(env: Record<string, string>): string {
  try {
    loadConfig(LlmConfigSchema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the config was accepted');
}

describe('LlmConfigSchema', () => {
  it('runs keyless by default, with a non-zero demo price for the local models', () => {
    const config = loadConfig(LlmConfigSchema, {});
    expect(config.OPENAI_MODELS).toEqual([]);
    expect(config.OPENAI_MODEL_PRICES).toEqual({});
    expect(config.LOCAL_PRICE_INPUT_USD_PER_MTOK).toBe(10);
    expect(config.LOCAL_PRICE_OUTPUT_USD_PER_MTOK).toBe(30);
  });

  it('parses the model list', () => {
    const config = loadConfig(LlmConfigSchema, {
      OPENAI_API_KEY: 'sk-x',
      OPENAI_MODELS: ' gpt-4o-mini , gpt-4o,',
    });
    expect(config.OPENAI_MODELS).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('refuses a provider without models and models without a provider', () => {
    expect(() => loadConfig(LlmConfigSchema, openai)).toThrow(ConfigError);
    expect(() => loadConfig(LlmConfigSchema, { OPENAI_MODELS: 'gpt-4o' })).toThrow(/OPENAI_MODELS/);
  });

  it('refuses a model without a known price, naming it and the variable to set', () => {
    const problem = configProblem({ ...openai, OPENAI_MODELS: 'gpt-4o-mini,llama3' });
    expect(problem).toContain(
      `OPENAI_MODELS="gpt-4o-mini,llama3": no price is known for the model 'llama3': give it one in OPENAI_MODEL_PRICES`,
    );
    expect(problem).not.toContain("'gpt-4o-mini'");
  });

  it('prices other models from OPENAI_MODEL_PRICES', () => {
    const config = loadConfig(LlmConfigSchema, {
      ...openai,
      OPENAI_MODELS: 'llama3',
      OPENAI_MODEL_PRICES: JSON.stringify({
        llama3: { input_usd_per_mtok: 0, output_usd_per_mtok: 0.000001, context_window: 8192 },
      }),
    });
    expect(config.OPENAI_MODEL_PRICES.llama3).toEqual({
      input_usd_per_mtok: 0,
      output_usd_per_mtok: 0.000001,
      context_window: 8192,
    });
  });

  it.each([
    ['not JSON', '{llama3:', /must be JSON/],
    [
      'a negative price',
      { llama3: { input_usd_per_mtok: -1, output_usd_per_mtok: 1 } },
      /llama3\.input_usd_per_mtok: must not be negative/,
    ],
    [
      'sub-micro-USD precision',
      { llama3: { input_usd_per_mtok: 0.0000001, output_usd_per_mtok: 1 } },
      /at most 6 decimal places/,
    ],
    [
      'a missing output price',
      { llama3: { input_usd_per_mtok: 1 } },
      /llama3\.output_usd_per_mtok/,
    ],
    [
      'an unknown field',
      { llama3: { input_usd_per_mtok: 1, output_usd_per_mtok: 1, input: 2 } },
      /OPENAI_MODEL_PRICES\.llama3: Unrecognized key: "input"/,
    ],
    [
      'an impossible date',
      { llama3: { input_usd_per_mtok: 1, output_usd_per_mtok: 1, effective_from: '2025-02-30' } },
      /real calendar date/,
    ],
    [
      'only a future price',
      { llama3: { input_usd_per_mtok: 1, output_usd_per_mtok: 1, effective_from: '2999-01-01' } },
      /no price of the model 'llama3' is in effect yet/,
    ],
    [
      'a price for a model not served',
      {
        llama3: { input_usd_per_mtok: 1, output_usd_per_mtok: 1 },
        'llama-3': { input_usd_per_mtok: 1, output_usd_per_mtok: 1 },
      },
      /'llama-3' is not listed in OPENAI_MODELS/,
    ],
  ])('refuses OPENAI_MODEL_PRICES with %s', (_case, prices, problem) => {
    const env = {
      ...openai,
      OPENAI_MODELS: 'llama3',
      OPENAI_MODEL_PRICES: typeof prices === 'string' ? prices : JSON.stringify(prices),
    };
    expect(configProblem(env)).toMatch(problem);
  });

  it('checks the local demo price', () => {
    expect(configProblem({ LOCAL_PRICE_INPUT_USD_PER_MTOK: 'ten' })).toContain(
      'LOCAL_PRICE_INPUT_USD_PER_MTOK="ten"',
    );
    expect(configProblem({ LOCAL_PRICE_OUTPUT_USD_PER_MTOK: '-3' })).toContain(
      'LOCAL_PRICE_OUTPUT_USD_PER_MTOK="-3"',
    );
    expect(configProblem({ LOCAL_PRICE_EFFECTIVE_FROM: '2999-01-01' })).toContain(
      'LOCAL_PRICE_EFFECTIVE_FROM="2999-01-01": must be today or earlier',
    );
    expect(loadConfig(LlmConfigSchema, { LOCAL_PRICE_INPUT_USD_PER_MTOK: '2.5' })).toMatchObject({
      LOCAL_PRICE_INPUT_USD_PER_MTOK: 2.5,
    });
  });
});
