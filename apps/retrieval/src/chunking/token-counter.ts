import { o200k } from '@conduit/tokens';
// Words repeat a lot in real documents; past this many distinct ones the cache starts over
// rather than growing with the input.
const CACHE_LIMIT = 50_000;

/**
 * o200k_base token counts (the encoding of the gpt-4o family), memoised for the short pieces
 * the chunker counts over and over.
 */
export class TokenCounter {
  private readonly cache = new Map<string, number>();

  /**
   * Count of `text` encoded on its own: exact for ordinary text, linear however long its runs
   * (see @conduit/tokens); `<|endoftext|>` in a document counts as the plain text it is.
   */
  count(text: string): number {
    return o200k.count(text);
  }

  /** Same as `count`, cached: meant for words and fragments, not whole chunks. */
  countPiece(text: string): number {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const count = this.count(text);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, count);
    return count;
  }
}
