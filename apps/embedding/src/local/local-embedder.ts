import { mix32 } from './feature-hash';
import { extractFeatures } from './text-features';

export const DEFAULT_LOCAL_DIMENSIONS = 384;
export const MAX_LOCAL_DIMENSIONS = 4096;

/**
 * A keyless, weightless, deterministic embedder: the hashing trick over word unigrams, word
 * bigrams and character 3-/4-grams (see `extractFeatures`), each feature added with a sign
 * drawn from its hash (so collisions cancel out on average instead of piling up), weighted by
 * 1 + ln(tf) with stop words of en/de/fr/es down-weighted, then L2-normalised.
 *
 * It finds documents that share vocabulary (and, through the n-grams, word stems) with the
 * query; it knows nothing of synonyms. It is the zero-configuration default, not a model.
 *
 * Empty or whitespace-only text embeds to the zero vector: there is no direction to give it,
 * and a zero vector is similar to nothing, which is the honest answer.
 */
export class LocalEmbedder {
  readonly dimensions: number;

  constructor(dimensions = DEFAULT_LOCAL_DIMENSIONS) {
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_LOCAL_DIMENSIONS) {
      throw new RangeError(
        `LocalEmbedder: dimensions must be an integer from 1 to ${MAX_LOCAL_DIMENSIONS}, got ${dimensions}`,
      );
    }
    this.dimensions = dimensions;
  }

  /** One unit-length vector (or the zero vector for blank text) per text, in order. */
  embed(texts: readonly string[]): number[][] {
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    const { hashes, counts, weights } = extractFeatures(text);
    for (let i = 0; i < hashes.length; i++) {
      const sign = (mix32(hashes[i]) & 1) === 1 ? 1 : -1;
      vector[hashes[i] % this.dimensions] += sign * weights[i] * (1 + Math.log(counts[i]));
    }
    let squares = 0;
    for (const value of vector) squares += value * value;
    const norm = Math.sqrt(squares);
    const out = new Array<number>(this.dimensions);
    for (let i = 0; i < this.dimensions; i++) out[i] = norm === 0 ? 0 : vector[i] / norm;
    return out;
  }
}
