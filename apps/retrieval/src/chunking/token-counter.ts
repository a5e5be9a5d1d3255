import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Documents may legitimately contain `<|endoftext|>`; count it as the plain text it is
// instead of letting gpt-tokenizer throw.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
// Words repeat a lot in real documents; past this many distinct ones the cache starts over
// rather than growing with the input.
const CACHE_LIMIT = 50_000;

/**
 * o200k_base token counts (the encoding of the gpt-4o family), memoised for the short pieces
 * the chunker counts over and over.
 */
export class TokenCounter {
  private readonly cache = new Map<string, number>();

  /** Exact count of `text` encoded on its own. */
  count(text: string): number {
    return text.length === 0 ? 0 : countTokens(text, AS_PLAIN_TEXT);
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
