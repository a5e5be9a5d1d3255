import { bpeSegments } from './bpe-segments';

/** Token counting and encoding in linear time, with special-token text taken as plain text. */
export interface Tokenizer {
  /** Tokens of `text`: exact for ordinary text, at worst slightly high for pathological runs. */
  count(text: string): number;
  /** Token ids of `text`; decoding them gives the text back (lone surrogates as U+FFFD). */
  encode(text: string): number[];
}

/** The parts of a gpt-tokenizer encoding module used here. */
export interface EncodingApi {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
  encode(text: string, options: { disallowedSpecial: Set<string> }): number[];
  clearMergeCache(): void;
}

/**
 * gpt-tokenizer memoises the BPE of every pre-token it had to merge, up to 100,000 of them, in
 * a Map used as an LRU. Filled with the distinct pieces of one hostile text (random words, a
 * base64 blob), that Map makes every later lookup ten times slower, for every caller in the
 * process. Clearing it after this many characters keeps it small; ordinary text repeats its
 * rare words within far fewer characters than this, so little is lost.
 */
const MERGE_CACHE_CHARS = 65_536;

// Caller text may legitimately contain `<|endoftext|>` and friends; providers bill them as the
// plain text they are, and gpt-tokenizer would throw on them by default.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** An encoding's counter and encoder that hand BPE bounded pieces (see `bpeSegments`). */
export function boundedTokenizer(api: EncodingApi, splitRegex: RegExp): Tokenizer {
  let charsSinceClear = 0;
  const beforeSegment = (segment: string) => {
    charsSinceClear += segment.length;
    if (charsSinceClear <= MERGE_CACHE_CHARS) return;
    api.clearMergeCache();
    charsSinceClear = segment.length;
  };
  return {
    count(text) {
      if (text.length === 0) return 0;
      let total = 0;
      for (const segment of bpeSegments(text, splitRegex)) {
        beforeSegment(segment);
        total += api.countTokens(segment, AS_PLAIN_TEXT);
      }
      return total;
    },
    encode(text) {
      if (text.length === 0) return [];
      const tokens: number[] = [];
      for (const segment of bpeSegments(text, splitRegex)) {
        beforeSegment(segment);
        for (const token of api.encode(segment, AS_PLAIN_TEXT)) tokens.push(token);
      }
      return tokens;
    },
  };
}
