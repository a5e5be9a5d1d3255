import { closeTokenizerThreads, OFF_THREAD_MIN_COST } from '@conduit/tokens';
import { countEmbeddingTokens } from './embedding-token-counter';

describe('countEmbeddingTokens', () => {
  afterAll(() => closeTokenizerThreads());

  it('counts with the tokenizer the model bills with', async () => {
    // The two encodings split this differently, which is why the model decides.
    const text = 'Conduit embeds texts: 漢字 and emojis 👍🏽 too';
    const [cl100k] = await countEmbeddingTokens([text], 'cl100k_base');
    const [o200k] = await countEmbeddingTokens([text], 'o200k_base');
    expect(cl100k).toBeGreaterThan(0);
    expect(o200k).toBeGreaterThan(0);
    expect(cl100k).not.toBe(o200k);
    expect(await countEmbeddingTokens(['hello world'], 'cl100k_base')).toEqual([2]);
  });

  it('counts empty text as nothing and special tokens as plain text', async () => {
    const [empty, special] = await countEmbeddingTokens(['', 'a <|endoftext|> b'], 'cl100k_base');
    expect(empty).toBe(0);
    expect(special).toBeGreaterThan(3);
  });

  it('counts long texts (in a worker thread) the same as short ones add up', async () => {
    const word = 'embed 漢字 ';
    const long = word.repeat(Math.ceil(OFF_THREAD_MIN_COST / word.length) + 1);
    const [[one], [whole]] = await Promise.all([
      countEmbeddingTokens([word], 'o200k_base'),
      countEmbeddingTokens([long], 'o200k_base'),
    ]);
    expect(whole).toBeGreaterThan(one);
    expect(whole).toBeLessThanOrEqual((one) * (long.length / word.length));
  });
});
