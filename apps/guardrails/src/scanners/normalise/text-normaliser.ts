import { foldCharacters } from './character-folding.pass';
import { undoLeetspeak } from './leetspeak.pass';
import { composeOrigins } from './mapped-text.builder';
import { collapseSpacing } from './spacing.pass';

export interface NormalisedText {
  /** Lower-case, accent-free, homoglyph-folded text with tricks undone; for matching only. */
  text: string;
  /**
   * The index in the original text that `index` in `text` came from. Monotonic
   * (non-decreasing) and within [0, original length]; `text.length` maps to the original
   * length, so an exclusive end offset maps to an exclusive end offset.
   */
  toOriginal(index: number): number;
}

/**
 * Undoes the tricks used to hide words from a keyword scanner, in an order where each pass
 * sees what the previous one produced: characters first (invisible characters, NFKC,
 * homoglyphs, case, accents, whitespace kinds), then spacing (letter-spaced words, whitespace
 * runs), then leetspeak (which needs whole words, so after "1 g n 0 r 3" is joined).
 */
export function normaliseForScanning(text: string): NormalisedText {
  const input = typeof text === 'string' ? text : '';
  const characters = foldCharacters(input);
  const spacing = collapseSpacing(characters.text);
  const origins = composeOrigins(characters.origins, spacing.origins);
  const length = spacing.text.length;
  return {
    text: undoLeetspeak(spacing.text),
    toOriginal: (index: number): number => {
      const at = Number.isFinite(index) ? Math.max(0, Math.floor(index)) : 0;
      if (at >= length) return input.length;
      return origins === null ? at : origins[at];
    },
  };
}
