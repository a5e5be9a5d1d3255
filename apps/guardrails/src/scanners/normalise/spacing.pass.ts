import { type MappedText, MappedTextBuilder } from './mapped-text.builder';

/**
 * Letter-spaced words: four or more single letters each followed by a short separator,
 * "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e". Four, because runs of one-letter words like
 * "il y a" are shorter, and joining a rare longer one is harmless for scanning. Scanned by hand
 * rather than with a regex: a lookbehind-led Unicode regex costs ~80 ms per MB.
 */
const MIN_SPACED_LETTERS = 4;
const MAX_SEPARATOR = 3;
const SEPARATORS = new Set([' ', '.', '-', '_', '*', '|', '/', '+', '~', '\u00B7', '\u2022']);
const SPACED_LETTER = /^[\p{L}\p{N}]$/u;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Pass 2: joins letter-spaced words and collapses whitespace runs to one space (or one
 * newline when the run had one; line starts matter for fake "System:" turns).
 */
export function collapseSpacing(text: string): MappedText {
  const out = new MappedTextBuilder(text.length);
  let i = 0;
  while (i < text.length) {
    if (startsSpacedRun(text, i)) {
      const end = spacedRunEnd(text, i);
      if (end > 0) {
        joinSpacedRun(out, text.slice(i, end), i);
        i = end;
        continue;
      }
    }
    copyCollapsed(out, text, i);
    i += 1;
  }
  return out.build(text.length);
}

function startsSpacedRun(text: string, i: number): boolean {
  // Cheap reject first: almost every character is followed by a letter, not a separator.
  const next = text.charCodeAt(i + 1);
  if (next >= 0x30 && next < 0x80 && next !== 0x5f && next !== 0x7c && next !== 0x7e) return false;
  const length = letterLength(text, i);
  return length > 0 && letterBefore(text, i) === 0 && SEPARATORS.has(text[i + length] ?? '');
}

/** End of a run of at least four single letters starting at `start`, or -1. */
function spacedRunEnd(text: string, start: number): number {
  let letters = 1;
  let end = start + letterLength(text, start);
  for (;;) {
    let separator = 0;
    while (separator < MAX_SEPARATOR && SEPARATORS.has(text[end + separator] ?? '')) separator += 1;
    if (separator === 0) break;
    const next = end + separator;
    const length = letterLength(text, next);
    if (length === 0 || letterLength(text, next + length) > 0) break;
    letters += 1;
    end = next + length;
  }
  return letters >= MIN_SPACED_LETTERS ? end : -1;
}

/** UTF-16 length of the letter, digit, `@` or `$` at `i`; 0 when there is none. */
function letterLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    const isLetter = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    return isLetter || code === 0x40 || code === 0x24 ? 1 : 0;
  }
  const length = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return SPACED_LETTER.test(text.slice(i, i + length)) ? length : 0;
}

function letterBefore(text: string, i: number): number {
  if (i === 0) return 0;
  const low = text.charCodeAt(i - 1);
  const back = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
  return letterLength(text, i - back);
}

function copyCollapsed(out: MappedTextBuilder, text: string, i: number): void {
  const code = text.charCodeAt(i);
  if (code === SPACE || code === NEWLINE) {
    const last = out.lastCode();
    if (last === SPACE || last === NEWLINE) {
      if (code === NEWLINE) out.replaceLast(NEWLINE);
      return;
    }
  }
  out.pushCode(code, i);
}

/**
 * The separator used most is the one between letters of a word; any other separator (a double
 * space, " / ", ". ") marks a word boundary, so "i g n o r e  a l l" becomes "ignore all".
 * With one separator throughout, words run together ("ignoreall"), which the detector handles
 * by segmenting long letter runs.
 */
function joinSpacedRun(out: MappedTextBuilder, run: string, offset: number): void {
  const pieces: { letter: string; at: number; separator: string; separatorAt: number }[] = [];
  let separator = '';
  let separatorAt = 0;
  for (let i = 0; i < run.length;) {
    const length = (run.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const char = run.slice(i, i + length);
    if (char === '@' || char === '$' || SPACED_LETTER.test(char)) {
      pieces.push({ letter: char, at: i, separator, separatorAt });
      separator = '';
    } else {
      if (separator === '') separatorAt = i;
      separator += char;
    }
    i += length;
  }
  const dominant = mostCommonSeparator(pieces.map((piece) => piece.separator));
  for (const piece of pieces) {
    if (piece.separator !== '' && piece.separator !== dominant) {
      out.pushCode(SPACE, offset + piece.separatorAt);
    }
    out.pushString(piece.letter, offset + piece.at);
  }
}

function mostCommonSeparator(separators: string[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const separator of separators) {
    if (separator === '') continue;
    const count = (counts.get(separator) ?? 0) + 1;
    counts.set(separator, count);
    if (count > bestCount) {
      best = separator;
      bestCount = count;
    }
  }
  return best;
}
