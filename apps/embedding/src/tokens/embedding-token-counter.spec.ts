import { countEmbeddingTokens } from './embedding-token-counter';

describe('countEmbeddingTokens', () => {
  it('counts with the tokenizer the model bills with', () => {
    // The two encodings split this differently, which is why the model decides.
    const text = 'Conduit embeds texts: 漢字 and emojis 👍🏽 too';
    const cl100k = countEmbeddingTokens(text, 'cl100k_base');
    const o200k = countEmbeddingTokens(text, 'o200k_base');
    expect(cl100k).toBeGreaterThan(0);
    expect(o200k).toBeGreaterThan(0);
    expect(cl100k).not.toBe(o200k);
    expect(countEmbeddingTokens('hello world', 'cl100k_base')).toBe(2);
  });

  it('counts empty text as nothing and special tokens as plain text', () => {
    expect(countEmbeddingTokens('', 'o200k_base')).toBe(0);
    expect(countEmbeddingTokens('a <|endoftext|> b', 'cl100k_base')).toBeGreaterThan(3);
  });
});
