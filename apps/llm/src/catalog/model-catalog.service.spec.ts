import { ConfigError, loadConfig } from '@conduit/config';
import { NotFoundError } from '@conduit/contracts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlmConfigSchema } from '../config/llm-config.schema';
import { loadCatalog } from './catalog.loader';
import { ModelCatalogService } from './model-catalog.service';

const envConfig = loadConfig(LlmConfigSchema, {
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  OPENAI_MODELS: 'gpt-4o-mini,llama3',
  OPENAI_MODEL_PRICES: JSON.stringify({
    llama3: { input_usd_per_mtok: 0.2, output_usd_per_mtok: 0.6, effective_from: '2025-03-01' },
  }),
  LOCAL_PRICE_INPUT_USD_PER_MTOK: '4',
});

const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
function catalogFile(text: string): string {
  const path = join(dir, `catalog-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}
const fileConfig = (path: string) => loadConfig(LlmConfigSchema, { LLM_CATALOG_FILE: path });

const CATALOG = `
defaults:
  retry: { max_attempts: 2, deadline_ms: 5000 }
  timeouts: { first_token_ms: 2000 }
providers:
  openai: { type: openai, api_key_env: TEST_OPENAI_KEY, connect_timeout_ms: 500 }
  claude: { type: anthropic, api_key_env: TEST_ANTHROPIC_KEY, circuit_breaker: { failure_rate: 0.25 } }
  vllm: { type: openai-compatible, base_url: "http://127.0.0.1:9/v1" }
  local: { type: local }
models:
  - provider: openai
    upstream_model: gpt-4o-mini
    aliases: [fast]
    fallbacks: [balanced, local/echo]
  - id: claude/sonnet
    provider: claude
    upstream_model: claude-sonnet-4-5
    aliases: [balanced]
    context_window: 200000
    max_output_tokens: 64000
    max_tokens_policy: clamp
    prices:
      - { effective_from: 2025-09-29, input_usd_per_mtok: 3, output_usd_per_mtok: 15, cached_input_usd_per_mtok: 0.3, cache_write_usd_per_mtok: 3.75 }
    timeouts: { total_ms: 90000 }
    retry: { max_attempts: 4 }
  - provider: vllm
    upstream_model: llama3
    prices: [{ input_usd_per_mtok: 0, output_usd_per_mtok: 0 }]
  - provider: local
    upstream_model: echo
    prices: [{ input_usd_per_mtok: 1, output_usd_per_mtok: 2 }]
`;
const keys = { TEST_OPENAI_KEY: 'sk-a', TEST_ANTHROPIC_KEY: 'sk-b' };

describe('ModelCatalogService from the environment', () => {
  const catalog = new ModelCatalogService(loadCatalog(envConfig, {}));

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

  it('refuses a config that skipped validation and left a model unpriced', () => {
    expect(() => loadCatalog({ ...envConfig, OPENAI_MODEL_PRICES: {} }, {})).toThrow(ConfigError);
  });
});

describe('ModelCatalogService from a catalog file', () => {
  const catalog = new ModelCatalogService(loadCatalog(fileConfig(catalogFile(CATALOG)), keys));
  afterAll(() => catalog.onApplicationShutdown());

  it('serves every model under its id, its aliases and an unambiguous bare id', () => {
    expect(catalog.resolve('fast').id).toBe('openai/gpt-4o-mini');
    expect(catalog.resolve('balanced').id).toBe('claude/sonnet');
    expect(catalog.resolve('claude-sonnet-4-5').id).toBe('claude/sonnet');
    expect(catalog.resolve('vllm/llama3').provider.name).toBe('vllm');
    expect(catalog.list().data.map((model) => model.id)).toEqual([
      'openai/gpt-4o-mini',
      'fast',
      'claude/sonnet',
      'balanced',
      'vllm/llama3',
      'local/echo',
    ]);
  });

  it('resolves fallbacks given by alias into the chain, in order', () => {
    const chain = catalog.chainOf(catalog.resolve('fast')).map((entry) => entry.id);
    expect(chain).toEqual(['openai/gpt-4o-mini', 'claude/sonnet', 'local/echo']);
  });

  it('applies defaults, then model settings, and prices OpenAI models from the known table', () => {
    const mini = catalog.resolve('fast');
    expect(mini.policy).toMatchObject({
      timeouts: { firstTokenMs: 2000, totalMs: 600_000 },
      retry: { maxAttempts: 2, deadlineMs: 5000 },
      maxTokensPolicy: 'reject',
    });
    expect(mini.prices[0]).toMatchObject({ inputMicroUsdPerMTok: 150_000 });
    const sonnet = catalog.resolve('balanced');
    expect(sonnet.policy).toMatchObject({
      timeouts: { firstTokenMs: 2000, totalMs: 90_000 },
      retry: { maxAttempts: 4, deadlineMs: 5000 },
      maxTokensPolicy: 'clamp',
    });
    expect(sonnet.prices[0]).toEqual({
      effectiveFrom: '2025-09-29',
      inputMicroUsdPerMTok: 3_000_000,
      outputMicroUsdPerMTok: 15_000_000,
      cachedInputMicroUsdPerMTok: 300_000,
      cacheWriteInputMicroUsdPerMTok: 3_750_000,
    });
  });

  it('names every problem of a bad file at once', () => {
    const bad = catalogFile(`
providers:
  claude: { type: anthropic, api_key_env: MISSING_KEY }
  vllm: { type: openai-compatible }
models:
  - { provider: claude, upstream_model: claude-x, aliases: [fast], fallbacks: [nowhere] }
  - { provider: vllm, upstream_model: m, aliases: [fast], prices: [{ input_usd_per_mtok: 1, output_usd_per_mtok: 1 }] }
  - { provider: ghost, upstream_model: g, prices: [{ input_usd_per_mtok: 1, output_usd_per_mtok: 1, effective_from: 2999-01-01 }] }
`);
    let problems: string[] = [];
    try {
      loadCatalog(fileConfig(bad), {});
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((problem) => problem.replace(/^LLM_CATALOG_FILE=\S+: /, ''))).toEqual(
      expect.arrayContaining([
        'providers.claude: the environment variable MISSING_KEY is not set',
        'providers.vllm: openai-compatible needs base_url (e.g. http://vllm:8000/v1)',
        expect.stringMatching(/^models\[0\]\.prices: no price is known for 'claude\/claude-x'/),
        "models[0].fallbacks: 'nowhere' is not a model id or alias in this file",
        "models[1].aliases: 'fast' is already the id or an alias of claude/claude-x",
        "models[2].provider: no provider named 'ghost'",
        expect.stringMatching(/^ghost\/g: no price is in effect yet/),
      ]),
    );
  });

  it('reports schema errors with their path, and unreadable or unparsable files', () => {
    expect(() =>
      loadCatalog(fileConfig(catalogFile('providers: {}\nmodels: [{ provider: x }]')), {}),
    ).toThrow(/models\.0\.upstream_model/);
    expect(() => loadCatalog(fileConfig(join(dir, 'nope.yaml')), {})).toThrow(/cannot be read/);
    expect(() => loadCatalog(fileConfig(catalogFile('models: [')), {})).toThrow(
      /not valid YAML or JSON/,
    );
  });

  it('loads the documented example catalog as it stands', () => {
    const example = join(__dirname, '../../../../config/models.example.yaml');
    const definition = loadCatalog(fileConfig(example), {
      OPENAI_API_KEY: 'sk-example',
      ANTHROPIC_API_KEY: 'sk-ant-example',
    });
    const served = new ModelCatalogService(definition);
    expect(served.resolve('quality').id).toBe('anthropic/claude-sonnet-4-5');
    expect(served.chainOf(served.resolve('fast')).map((entry) => entry.id)).toEqual([
      'openai/gpt-4o-mini',
      'anthropic/claude-haiku-4-5',
      'local/echo',
    ]);
    return served.onApplicationShutdown();
  });

  it('cannot be combined with OPENAI_MODELS', () => {
    expect(() =>
      loadConfig(LlmConfigSchema, {
        LLM_CATALOG_FILE: '/x.yaml',
        OPENAI_API_KEY: 'k',
        OPENAI_MODELS: 'gpt-4o-mini',
      }),
    ).toThrow(/cannot be combined/);
  });
});
