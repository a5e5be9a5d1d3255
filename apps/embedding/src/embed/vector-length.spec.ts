import type { EmbeddingModel } from '../catalog/embedding-model';
import { vectorLength } from './vector-length';

const model = (maxDimensions: number | null): EmbeddingModel => ({
  id: 'openai/m',
  provider: 'openai',
  upstreamModel: 'm',
  dimensions: 1536,
  maxDimensions,
  tokenizer: 'cl100k_base',
  maxInputTokens: 8192,
  maxTokensPerCall: 300_000,
  prices: [{ effectiveFrom: '1970-01-01', microUsdPerMTok: 1 }],
});

describe('vectorLength', () => {
  it("uses the model's own length when none (or that very one) is asked for", () => {
    for (const dimensions of [undefined, null, 1536]) {
      expect(vectorLength(model(null), dimensions)).toEqual({ dimensions: 1536, requested: null });
    }
  });

  it('asks a model that can shorten for fewer dimensions', () => {
    expect(vectorLength(model(1536), 256)).toEqual({ dimensions: 256, requested: 256 });
  });

  it('refuses dimensions a model cannot produce, on the dimensions parameter', () => {
    expect(() => vectorLength(model(null), 256)).toThrow(
      expect.objectContaining({
        type: 'validation_error',
        code: 'dimensions_not_supported',
        param: 'dimensions',
      }) as Error,
    );
    expect(() => vectorLength(model(1536), 2000)).toThrow(
      expect.objectContaining({ code: 'dimensions_too_large', param: 'dimensions' }) as Error,
    );
  });
});
