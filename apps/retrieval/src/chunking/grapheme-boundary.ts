// Intl.Segmenter would be the textbook tool, but V8's grapheme segmenter goes quadratic on long
// strings (100k chars take ~14 s on Node 20), so cut points are checked locally with the
// UAX #29 rules that matter for real text: surrogate pairs, CR LF, combining marks and other
// extenders, ZWJ emoji sequences, flag pairs and Hangul jamo.
const EXTENDS_PREVIOUS = /[\p{Grapheme_Extend}\p{Mc}\u200D\p{Emoji_Modifier}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const REGIONAL_INDICATOR_FIRST = 0x1f1e6;
const REGIONAL_INDICATOR_LAST = 0x1f1ff;
const ZWJ = 0x200d;
const CR = 0x0d;
const LF = 0x0a;

/** True when cutting `text` at UTF-16 offset `index` keeps every user-perceived character whole. */
export function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const unit = text.charCodeAt(index);
  if (isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(index - 1))) return false;
  const next = text.codePointAt(index)!;
  const prevStart = codePointStartBefore(text, index);
  const prev = text.codePointAt(prevStart)!;
  if (prev === CR && next === LF) return false;
  if (EXTENDS_PREVIOUS.test(String.fromCodePoint(next))) return false;
  if (prev === ZWJ && PICTOGRAPHIC.test(String.fromCodePoint(next))) return false;
  if (isRegionalIndicator(prev) && isRegionalIndicator(next)) {
    // Flags are pairs: a cut is allowed only after an even number of indicators.
    return regionalIndicatorsEndingAt(text, index) % 2 === 0;
  }
  return !joinsHangul(prev, next);
}

/** The closest boundary at or before `index` that is after `floor`, else the first one after. */
export function graphemeBoundaryNear(text: string, index: number, floor: number): number {
  let cut = index;
  while (cut > floor && !isGraphemeBoundary(text, cut)) cut--;
  if (cut > floor) return cut;
  // One cluster longer than the window (Zalgo text): keep it whole rather than cut it.
  cut = index;
  while (cut < text.length && !isGraphemeBoundary(text, cut)) cut++;
  return cut;
}

function codePointStartBefore(text: string, index: number): number {
  const unit = text.charCodeAt(index - 1);
  return index >= 2 && isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(index - 2))
    ? index - 2
    : index - 1;
}

function regionalIndicatorsEndingAt(text: string, index: number): number {
  let count = 0;
  let at = index;
  while (at > 0) {
    const start = codePointStartBefore(text, at);
    if (!isRegionalIndicator(text.codePointAt(start)!)) break;
    count++;
    at = start;
  }
  return count;
}

function isRegionalIndicator(codePoint: number): boolean {
  return codePoint >= REGIONAL_INDICATOR_FIRST && codePoint <= REGIONAL_INDICATOR_LAST;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

// Hangul syllables written as conjoining jamo (L+V+T) are one grapheme (UAX #29 GB6-GB8).
function joinsHangul(prev: number, next: number): boolean {
  const leading = (cp: number) => (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97f);
  const vowel = (cp: number) => (cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6);
  const trailing = (cp: number) => (cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb);
  const syllable = (cp: number) => cp >= 0xac00 && cp <= 0xd7a3;
  const lvSyllable = (cp: number) => syllable(cp) && (cp - 0xac00) % 28 === 0;
  if (leading(prev)) return leading(next) || vowel(next) || syllable(next);
  if (vowel(prev) || lvSyllable(prev)) return vowel(next) || trailing(next);
  if (trailing(prev) || syllable(prev)) return trailing(next);
  return false;
}
