/**
 * Where a JSON text (or a streamed window of one) stands at a given character: inside a string
 * or not, and right after a backslash in one. Enough to find the strings of any later window
 * without lexing the answer again from its start.
 */
export interface JsonLexState {
  inString: boolean;
  escaped: boolean;
}

export const JSON_TEXT_START: JsonLexState = { inString: false, escaped: false };

/**
 * The parts of a JSON text a value can be redacted in without breaking it: the contents of its
 * strings (between the quotes) and its bare literals (numbers, `true`, …, anything outside a
 * string that is neither structure nor space).
 */
export interface JsonRegion {
  kind: 'string' | 'literal';
  start: number;
  end: number;
  /** For a string: its opening quote came before this text (an earlier window). */
  openedBefore: boolean;
  /** For a string: its closing quote is in this text. */
  closed: boolean;
}

export interface JsonLayout {
  regions: JsonRegion[];
  /** The state after the last character, for the next window. */
  end: JsonLexState;
}

const STRUCTURE = new Set(['{', '}', '[', ']', ':', ',', '"']);

/**
 * Lexes `text` from `start` (the state where the previous window stopped). Not a validator:
 * it only tracks strings, so broken JSON still yields sensible regions.
 */
export function lexJsonText(text: string, start: JsonLexState = JSON_TEXT_START): JsonLayout {
  const regions: JsonRegion[] = [];
  let { inString, escaped } = start;
  let regionStart = 0;
  let literalStart = -1;
  const closeLiteral = (at: number) => {
    if (literalStart < 0) return;
    regions.push({
      kind: 'literal',
      start: literalStart,
      end: at,
      openedBefore: false,
      closed: true,
    });
    literalStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') {
        regions.push({
          kind: 'string',
          start: regionStart,
          end: i,
          openedBefore: regions.length === 0 && start.inString && regionStart === 0,
          closed: true,
        });
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      closeLiteral(i);
      inString = true;
      regionStart = i + 1;
    } else if (STRUCTURE.has(char) || /\s/.test(char)) {
      closeLiteral(i);
    } else if (literalStart < 0) {
      literalStart = i;
    }
  }
  if (inString) {
    regions.push({
      kind: 'string',
      start: regionStart,
      end: text.length,
      openedBefore: start.inString && regionStart === 0,
      closed: false,
    });
  }
  closeLiteral(text.length);
  return { regions, end: { inString, escaped } };
}

/** The state after `text`, read from `start`. */
export function lexStateAfter(text: string, start: JsonLexState = JSON_TEXT_START): JsonLexState {
  let { inString, escaped } = start;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (!inString) {
      if (char === '"') inString = true;
    } else if (escaped) escaped = false;
    else if (char === '\\') escaped = true;
    else if (char === '"') inString = false;
  }
  return { inString, escaped };
}

/** The string whose contents hold all of `[start, end)`, found by binary search (regions are sorted). */
export function stringAround(layout: JsonLayout, start: number, end: number): JsonRegion | null {
  const { regions } = layout;
  let low = 0;
  let high = regions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const region = regions[middle];
    if (region.end < start) low = middle + 1;
    else if (region.start > start) high = middle - 1;
    else {
      return region.kind === 'string' && region.start <= start && end <= region.end ? region : null;
    }
  }
  return null;
}
