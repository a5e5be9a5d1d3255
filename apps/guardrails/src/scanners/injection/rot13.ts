import { patternVocabulary } from './pattern-vocabulary';

/** ROT13 of ASCII letters; everything else, and so every offset, stays where it was. */
export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Words this long rarely turn into another word under ROT13. */
const MIN_KEYWORD_LENGTH = 5;
const WORD = /[a-z]{5,}/g;

let hiddenKeywords: ReadonlySet<string> | undefined;

/**
 * Where `text` (normalised, lower-case) has pattern words written in ROT13: their offsets when
 * there are at least two distinct ones, else none. Decoding and scanning again costs a second
 * scan; this lookup per word tells whether, and where, there is anything worth decoding. ROT13
 * of ordinary prose is not made of attack words.
 */
export function findRot13Hints(text: string): number[] {
  hiddenKeywords ??= new Set(
    [...patternVocabulary()].filter((word) => word.length >= MIN_KEYWORD_LENGTH).map(rot13),
  );
  const seen = new Set<string>();
  const offsets: number[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    if (!hiddenKeywords.has(match[0])) continue;
    seen.add(match[0]);
    offsets.push(match.index);
  }
  return seen.size >= 2 ? offsets : [];
}
