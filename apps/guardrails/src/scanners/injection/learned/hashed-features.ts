/**
 * The learned injection model's features: word unigrams and bigrams and character 3-, 4- and
 * 5-grams of the scanner-normalised text (lower-case, accents and homoglyphs folded, spacing
 * and leetspeak undone), hashed into 2^FEATURE_BITS buckets (the hashing trick: no vocabulary
 * to ship, any language and script). Counts are log-scaled and the vector L2-normalised, so a
 * window's score does not grow with its length.
 *
 * The training script (apps/guardrails/training/) imports this very file from `dist/`: the
 * features a model was trained on and the features it is scored on cannot drift apart.
 */
export const FEATURE_BITS = 18;
export const FEATURE_COUNT = 1 << FEATURE_BITS;
const MASK = FEATURE_COUNT - 1;

/** Character n-gram lengths; each has its own hash namespace. */
const CHAR_NGRAMS = [3, 4, 5] as const;
const WORD_NAMESPACE = 0x9e3779b1;
const BIGRAM_NAMESPACE = 0x85ebca6b;

/** One window's features: bucket indices and their weights, L2-normalised. */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, FNV_PRIME) >>> 0;
}

/** Murmur3's finaliser: spreads FNV's weak low bits before they are masked into a bucket. */
function finalise(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const isWordChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x30 && code <= 0x39) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code > 0x7f && /[\p{L}\p{N}]/u.test(String.fromCharCode(code)));

/**
 * Reused accumulator: one process scores one window at a time (the scanner is synchronous),
 * so a single dense array plus the list of buckets it touched avoids a Map per window.
 */
const counts = new Float32Array(FEATURE_COUNT);
const touched: number[] = [];

function add(bucket: number): void {
  if (counts[bucket] === 0) touched.push(bucket);
  counts[bucket] += 1;
}

/** The features of `text.slice(start, end)`; `text` is already normalised for scanning. */
export function hashedFeatures(text: string, start = 0, end = text.length): SparseFeatures {
  // Words and their bigrams.
  let previousWord = 0;
  let hasPrevious = false;
  let word = FNV_OFFSET;
  let inWord = false;
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : 0x20;
    if (i < end && isWordChar(code)) {
      word = mix(word, code);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const unigram = finalise(word ^ WORD_NAMESPACE);
    add(unigram & MASK);
    if (hasPrevious) add(finalise(mix(previousWord, unigram) ^ BIGRAM_NAMESPACE) & MASK);
    previousWord = unigram;
    hasPrevious = true;
    word = FNV_OFFSET;
    inWord = false;
  }
  // Character n-grams, each length in its own namespace.
  for (const n of CHAR_NGRAMS) {
    for (let i = start; i + n <= end; i++) {
      let hash = mix(FNV_OFFSET, n);
      for (let k = 0; k < n; k++) hash = mix(hash, text.charCodeAt(i + k));
      add(finalise(hash) & MASK);
    }
  }
  const indices = new Int32Array(touched.length);
  const values = new Float32Array(touched.length);
  let norm = 0;
  for (let k = 0; k < touched.length; k++) {
    const bucket = touched[k];
    const value = 1 + Math.log(counts[bucket]);
    indices[k] = bucket;
    values[k] = value;
    norm += value * value;
    counts[bucket] = 0;
  }
  touched.length = 0;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k] *= scale;
  return { indices, values };
}

/** Window length and stride over the normalised text, in characters. */
export const LEARNED_WINDOW = 1024;
export const LEARNED_STRIDE = 512;

/**
 * [start, end) windows covering `length` characters: one window for a short text, else
 * overlapping windows so an attack buried anywhere in a long document is seen whole in one.
 */
export function featureWindows(length: number): [number, number][] {
  if (length <= LEARNED_WINDOW) return [[0, length]];
  const windows: [number, number][] = [];
  for (let start = 0; ; start += LEARNED_STRIDE) {
    const end = Math.min(length, start + LEARNED_WINDOW);
    windows.push([start, end]);
    if (end >= length) break;
  }
  return windows;
}
