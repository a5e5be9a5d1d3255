import { openaiEmbeddingModel } from './openai-embedding-models';

describe('openaiEmbeddingModel', () => {
  it("knows OpenAI's models: price, size and whether they shorten", () => {
    expect(openaiEmbeddingModel('text-embedding-3-small', {})).toEqual({
      ok: true,
      model: {
        dimensions: 1536,
        maxDimensions: 1536,
        tokenizer: 'cl100k_base',
        maxInputTokens: 8192,
        prices: [{ effectiveFrom: '2024-01-25', microUsdPerMTok: 20_000 }],
      },
    });
    const large = openaiEmbeddingModel('text-embedding-3-large', {});
    expect(large.ok && large.model).toMatchObject({ dimensions: 3072, maxDimensions: 3072 });
    const ada = openaiEmbeddingModel('text-embedding-ada-002', {});
    expect(ada.ok && ada.model).toMatchObject({ dimensions: 1536, maxDimensions: null });
    expect(ada.ok && ada.model.prices).toContainEqual({
      effectiveFrom: '2023-06-13',
      microUsdPerMTok: 100_000,
    });
  });

  it('says what is missing for a model it does not know', () => {
    expect(openaiEmbeddingModel('bge-m3', {})).toEqual({ ok: false, missing: 'price' });
    expect(openaiEmbeddingModel('bge-m3', { 'bge-m3': { input_usd_per_mtok: 1 } })).toEqual({
      ok: false,
      missing: 'dimensions',
    });
    // No prototype keys taken for models.
    expect(openaiEmbeddingModel('constructor', {})).toEqual({ ok: false, missing: 'price' });
  });

  it('takes a configured model as fixed-length unless told otherwise', () => {
    const fixed = openaiEmbeddingModel('bge-m3', {
      'bge-m3': { input_usd_per_mtok: 0.01, dimensions: 1024 },
    });
    expect(fixed).toEqual({
      ok: true,
      model: {
        dimensions: 1024,
        maxDimensions: null,
        tokenizer: 'cl100k_base',
        maxInputTokens: 8192,
        prices: [{ effectiveFrom: '1970-01-01', microUsdPerMTok: 10_000 }],
      },
    });
    const flexible = openaiEmbeddingModel('qwen3-embedding', {
      'qwen3-embedding': {
        input_usd_per_mtok: 0,
        dimensions: 4096,
        supports_dimensions: true,
        max_input_tokens: 32_000,
        tokenizer: 'o200k_base',
      },
    });
    expect(flexible.ok && flexible.model).toMatchObject({
      maxDimensions: 4096,
      maxInputTokens: 32_000,
      tokenizer: 'o200k_base',
    });
  });

  it('replaces the built-in price, or schedules a change when dated', () => {
    const replaced = openaiEmbeddingModel('text-embedding-3-small', {
      'text-embedding-3-small': { input_usd_per_mtok: 0.01 },
    });
    expect(replaced.ok && replaced.model.prices).toEqual([
      { effectiveFrom: '1970-01-01', microUsdPerMTok: 10_000 },
    ]);
    const scheduled = openaiEmbeddingModel('text-embedding-3-small', {
      'text-embedding-3-small': { input_usd_per_mtok: 0.01, effective_from: '2026-01-01' },
    });
    expect(scheduled.ok && scheduled.model.prices).toEqual([
      { effectiveFrom: '2024-01-25', microUsdPerMTok: 20_000 },
      { effectiveFrom: '2026-01-01', microUsdPerMTok: 10_000 },
    ]);
    expect(scheduled.ok && scheduled.model.maxDimensions).toBe(1536);
  });
});
