/**
 * Longest pre-token handed to BPE whole. gpt-tokenizer's merge loop is quadratic in the length
 * of one pre-token (a run of letters, of punctuation, of whitespace), so an unbroken 100k-char
 * word cost seconds of CPU (issue 12); pre-tokens of ordinary text are a few characters, and
 * nearly all are well under this. Pieces this short keep a 1 MB word to about a second of CPU.
 */
export const MAX_PRETOKEN_CHARS = 64;

/**
 * Runs (of whitespace or of anything else) this short cannot form a pre-token longer than
 * MAX_PRETOKEN_CHARS: a pre-token is at most one leading character, one run and the line
 * breaks after it. Text without longer runs is tokenized whole, without pre-tokenizing it here.
 */
const MAX_SAFE_RUN = (MAX_PRETOKEN_CHARS - 1) >> 1;

/**
 * Texts are also tokenized in segments of about this many characters, cut where the cut
 * cannot change the count (see `isExactCut`), so the caller can bound how much each call feeds
 * into gpt-tokenizer's merge cache (see `boundedTokenizer`).
 */
export const SEGMENT_CHARS = 16_384;

/**
 * `text` cut into segments that can be tokenized one by one, in linear time: cuts fall only
 * inside pre-tokens longer than MAX_PRETOKEN_CHARS, every MAX_PRETOKEN_CHARS characters, never
 * between the halves of a surrogate pair. Every other pre-token is tokenized exactly as in the
 * whole text, so counts of ordinary text are exact; a cut pre-token may lose a merge across
 * the cut, so a count errs high (the safe side for a quote), except that runs of whitespace,
 * which BPE merges greedily, can come out a few percent lower.
 *
 * `splitRegex` is the encoding's own pre-tokenizer (global), so cuts land where the encoding
 * itself sees a long pre-token.
 */
export function bpeSegments(text: string, splitRegex: RegExp): string[] {
  const pieces = hasLongRun(text) ? cutLongPretokens(text, splitRegex) : [text];
  const segments: string[] = [];
  for (const piece of pieces) {
    if (piece.length <= SEGMENT_CHARS) segments.push(piece);
    else for (const segment of cutAtExactPoints(piece)) segments.push(segment);
  }
  return segments;
}

function cutLongPretokens(text: string, splitRegex: RegExp): string[] {
  const segments: string[] = [];
  let segmentStart = 0;
  for (const match of text.matchAll(splitRegex)) {
    const pretoken = match[0];
    if (pretoken.length <= MAX_PRETOKEN_CHARS) continue;
    const end = match.index + pretoken.length;
    for (let cut = match.index + MAX_PRETOKEN_CHARS; cut < end; cut += MAX_PRETOKEN_CHARS) {
      const at = isHighSurrogate(text.charCodeAt(cut - 1)) ? cut - 1 : cut;
      if (at <= segmentStart) continue;
      segments.push(text.slice(segmentStart, at));
      segmentStart = at;
    }
  }
  segments.push(text.slice(segmentStart));
  return segments;
}

/**
 * `text` cut every SEGMENT_CHARS or so, only where the count stays exact: after a character that
 * is not whitespace and before whitespace, or between an ASCII letter and a digit. No
 * pre-token spans such a point, and the text before it does not end in whitespace, the only
 * place the pre-tokenizers look ahead (`\s+(?!\S)`, `\s+$`).
 */
function cutAtExactPoints(text: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = SEGMENT_CHARS; i < text.length; i++) {
    if (!isExactCut(text, i)) continue;
    segments.push(text.slice(start, i));
    start = i;
    i += SEGMENT_CHARS - 1;
  }
  segments.push(text.slice(start));
  return segments;
}

function isExactCut(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (isSpace(before)) return false;
  return isSpace(after) || (isAsciiLetter(before) && after >= 0x30 && after <= 0x39);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Whether some run of whitespace, or of non-whitespace, is longer than MAX_SAFE_RUN. */
function hasLongRun(text: string): boolean {
  let run = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    run = space === inSpace ? run + 1 : 1;
    inSpace = space;
    if (run > MAX_SAFE_RUN) return true;
  }
  return false;
}

/** `\s` of JavaScript regular expressions, which the pre-tokenizers split on. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
