import { fnv1a } from './feature-hash';
import { STOP_WORDS } from './stop-words';

/**
 * The hashed features of one text: for feature i, its 32-bit hash, how often it occurs and
 * how much one occurrence weighs. Parallel arrays: a text yields hundreds of features and
 * an object per feature dominated the embedding time.
 */
export interface TextFeatures {
  hashes: number[];
  counts: number[];
  weights: number[];
}

// Each family hashes from its own seed, so the word "ing" and the trigram "ing" differ.
const WORD_SEED = fnv1a('w\u0000');
const BIGRAM_SEED = fnv1a('b\u0000');
const CHAR_SEED = fnv1a('c\u0000');

const BIGRAM_WEIGHT = 0.5;
// A word of average length yields about ten 3-/4-grams: at 0.3 each their squared mass roughly
// equals the word's own, so shared stems count about as much as shared words.
const CHAR_GRAM_WEIGHT = 0.3;
const STOP_WORD_FACTOR = 0.1;
// URLs, hashes and base64 would flood the vector with n-grams nobody searches for.
const MAX_CHAR_GRAM_WORD = 48;
const MAX_FALLBACK_CHARS = 256;

// Han and kana are written without spaces: each character is a word of its own, so word
// bigrams become the character bigrams such text is usually indexed by.
const WORDS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+(?:['’](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}])+)*/gu;

/**
 * Hashed features of `text`, keyed by their 32-bit hash: word unigrams, word bigrams and the
 * 3-/4-grams of each word wrapped in `<` `>`, over its NFKC-normalised lower-case form.
 * Text with no word at all (only punctuation or symbols) is taken as one word, so only
 * empty or whitespace-only text has no features.
 */
export function extractFeatures(text: string): TextFeatures {
  const features: TextFeatures = { hashes: [], counts: [], weights: [] };
  // Keyed by the hash as a signed int32, which V8 keeps unboxed.
  const slots = new Map<number, number>();
  const normalised = text.normalize('NFKC').toLowerCase();
  const words: string[] = normalised.match(WORDS) ?? [];
  if (words.length === 0) {
    const symbols = normalised.replace(/\s+/g, '').slice(0, MAX_FALLBACK_CHARS);
    if (symbols.length > 0) words.push(symbols);
  }
  const add = (hash: number, weight: number) => {
    const slot = slots.get(hash | 0);
    if (slot === undefined) {
      slots.set(hash | 0, features.hashes.length);
      features.hashes.push(hash);
      features.counts.push(1);
      features.weights.push(weight);
    } else {
      features.counts[slot]++;
      if (weight > features.weights[slot]) features.weights[slot] = weight;
    }
  };
  let previous: string | undefined;
  let previousFactor = 1;
  for (const word of words) {
    const factor = STOP_WORDS.has(word) ? STOP_WORD_FACTOR : 1;
    add(fnv1a(word, 0, word.length, WORD_SEED), factor);
    if (previous !== undefined) {
      const left = fnv1a(' ', 0, 1, fnv1a(previous, 0, previous.length, BIGRAM_SEED));
      add(fnv1a(word, 0, word.length, left), BIGRAM_WEIGHT * Math.sqrt(factor * previousFactor));
    }
    if (word.length >= 2 && word.length <= MAX_CHAR_GRAM_WORD) {
      const bounded = `<${word}>`;
      for (let n = 3; n <= 4; n++) {
        for (let i = 0; i + n <= bounded.length; i++) {
          add(fnv1a(bounded, i, i + n, CHAR_SEED), CHAR_GRAM_WEIGHT * factor);
        }
      }
    }
    previous = word;
    previousFactor = factor;
  }
  return features;
}
