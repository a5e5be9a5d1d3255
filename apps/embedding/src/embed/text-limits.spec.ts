import type { EmbeddingModel } from '../catalog/embedding-model';
import { assertTextsEmbeddable } from './text-limits';

const model = (provider: string, maxInputTokens: number | null): EmbeddingModel => ({
  id: `${provider}/m`,
  provider,
  upstreamModel: 'm',
  dimensions: 8,
  maxDimensions: null,
  tokenizer: 'cl100k_base',
  maxInputTokens,
  maxTokensPerCall: null,
  prices: [{ effectiveFrom: '1970-01-01', microUsdPerMTok: 1 }],
});

describe('assertTextsEmbeddable', () => {
  it('lets the local model embed empty text, not a provider', () => {
    expect(() => assertTextsEmbeddable(model('local', null), ['', ' '], [0, 1])).not.toThrow();
    expect(() => assertTextsEmbeddable(model('openai', 8192), ['a', ''], [1, 0])).toThrow(
      expect.objectContaining({ type: 'validation_error', code: 'empty_input' }) as Error,
    );
    expect(() => assertTextsEmbeddable(model('openai', 8192), [' '], [1])).not.toThrow();
  });

  it("refuses a text over the model's window, with the counts", () => {
    expect(() => assertTextsEmbeddable(model('openai', 10), ['x', 'y'], [3, 11])).toThrow(
      expect.objectContaining({
        type: 'context_length_exceeded',
        details: { model: 'openai/m', max_input_tokens: 10, input_tokens: 11 },
      }) as Error,
    );
    expect(() => assertTextsEmbeddable(model('openai', 10), ['x'], [10])).not.toThrow();
  });
});
