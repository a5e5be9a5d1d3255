/** One digit group of a written number, as UTF-16 offsets into the text. */
export interface DigitGroup {
  start: number;
  end: number;
}

/** A stretch of digit groups that could be (or start with) one phone number. */
export interface PhoneCandidate {
  /** Offset of the first character: `+`, `(` or the first digit. */
  start: number;
  /** Whether the number is written internationally (`+49 ...` or `0049 ...`). */
  international: boolean;
  groups: DigitGroup[];
  /** Separators between consecutive groups (`separators[i]` sits before `groups[i + 1]`). */
  separators: string[];
}

/**
 * Characters a written phone number is made of. The run is one character class repeated, so
 * matching is linear however long the input; splitting it into numbers happens afterwards.
 */
const RUN = /[+(]?\d[\d \u00A0().\-/]*/g;

/**
 * Separators that keep two digit groups in one number: a single space, dash, dot or slash,
 * and the parentheses of `(212) 736-5000` or `+44 (0)20 ...`. Anything wider (`  `, ` / `,
 * ` - `) separates two numbers or a number from something else.
 */
const JOINING = /^(?:[ \u00A0.\-/]|[ \u00A0]?\(|\)[ \u00A0.\-]?)$/;

/** Splits the text into phone number candidates (not yet validated). */
export function findPhoneCandidates(text: string): PhoneCandidate[] {
  const candidates: PhoneCandidate[] = [];
  for (const match of text.matchAll(RUN)) {
    splitRun(match[0], match.index, candidates);
  }
  return candidates;
}

function splitRun(run: string, offset: number, out: PhoneCandidate[]): void {
  let current: PhoneCandidate | undefined;
  let separator = '';
  let i = 0;
  while (i < run.length) {
    if (!isDigit(run.charCodeAt(i))) {
      separator += run.charAt(i);
      i++;
      continue;
    }
    const groupStart = i;
    while (i < run.length && isDigit(run.charCodeAt(i))) i++;
    const group = { start: offset + groupStart, end: offset + i };
    if (current !== undefined && JOINING.test(separator)) {
      current.groups.push(group);
      current.separators.push(separator);
    } else {
      if (current !== undefined) out.push(current);
      current = startCandidate(run, offset, groupStart, group);
    }
    separator = '';
  }
  if (current !== undefined) out.push(current);
}

function startCandidate(
  run: string,
  offset: number,
  groupStart: number,
  group: DigitGroup,
): PhoneCandidate {
  // Keep an opening parenthesis or plus sign that belongs to this number: `(212) ...`.
  const opener = run.charAt(groupStart - 1);
  const start = opener === '(' || opener === '+' ? groupStart - 1 : groupStart;
  return {
    start: offset + start,
    international: opener === '+' || run.startsWith('00', groupStart),
    groups: [group],
    separators: [],
  };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
