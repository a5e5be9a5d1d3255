import { graphemeBoundaryNear, isGraphemeBoundary } from './grapheme-boundary';
import type { TokenCounter } from './token-counter';

/** How good a place the cut right before an atom is; higher is better. */
export const Boundary = {
  /** Inside a word: only a hard split lands here. */
  grapheme: 0,
  word: 1,
  sentence: 2,
  paragraph: 3,
} as const;
export type BoundaryStrength = (typeof Boundary)[keyof typeof Boundary];

/**
 * The text cut into the smallest pieces a chunk may start or end on: a word with the
 * whitespace before it, or, for words too long for one chunk, fragments of whole graphemes.
 * Parallel arrays, since a megabyte of text makes a few hundred thousand atoms.
 */
export class TextAtoms {
  /** Start of the atom including the whitespace before it (o200k attaches it to the word). */
  readonly start: number[] = [];
  /** First character that is not whitespace. */
  readonly contentStart: number[] = [];
  readonly end: number[] = [];
  /** Tokens of `text.slice(start, end)` counted on its own. */
  readonly tokens: number[] = [];
  readonly boundaryBefore: BoundaryStrength[] = [];

  get length(): number {
    return this.end.length;
  }

  push(
    start: number,
    contentStart: number,
    end: number,
    tokens: number,
    boundary: BoundaryStrength,
  ): void {
    this.start.push(start);
    this.contentStart.push(contentStart);
    this.end.push(end);
    this.tokens.push(tokens);
    this.boundaryBefore.push(boundary);
  }
}

// Starts only where whitespace starts (or at the text's start): without the look-behind, a run of
// trailing whitespace was rescanned from each of its positions, quadratic (40k spaces: 6 s).
const WORD_WITH_LEADING_SPACE = /(?<!\s)\s*\S+/g;
// BPE cost grows with the square of an unbroken run's length (100k letters take seconds), so
// long runs are never encoded whole: they are cut into fragments first.
const LONG_RUN_CHARS = 256;
const FRAGMENT_CHARS = 64;
// CJK text has no spaces; its punctuation is where a reader would pause.
const CJK_BREAK = /[。！？｡；，、：]/g;
const CJK_SENTENCE_END = /[。！？｡]/;
const SENTENCE_END = /[.!?…。！？｡]["'”’)\]»]*$/;

/** Splits `text` into atoms, each within `maxTokens` unless it is a single grapheme. */
export function splitIntoAtoms(text: string, maxTokens: number, counter: TokenCounter): TextAtoms {
  const atoms = new TextAtoms();
  for (const match of text.matchAll(WORD_WITH_LEADING_SPACE)) {
    const start = match.index;
    const end = start + match[0].length;
    const contentStart = start + match[0].search(/\S/);
    const boundary =
      atoms.length === 0 ? Boundary.paragraph : boundaryBefore(text, atoms, start, contentStart);
    if (end - contentStart <= LONG_RUN_CHARS) {
      const tokens = counter.countPiece(match[0]);
      if (tokens <= maxTokens) {
        atoms.push(start, contentStart, end, tokens, boundary);
        continue;
      }
    }
    splitLongRun(text, { start, contentStart, end, boundary }, maxTokens, counter, atoms);
  }
  return atoms;
}

function boundaryBefore(
  text: string,
  atoms: TextAtoms,
  start: number,
  contentStart: number,
): BoundaryStrength {
  let newlines = 0;
  for (let i = start; i < contentStart; i++) if (text.charCodeAt(i) === 0x0a) newlines++;
  if (newlines === 0 && text.slice(start, contentStart).includes('\r')) newlines = 1;
  if (newlines >= 2) return Boundary.paragraph;
  if (newlines === 1) return Boundary.sentence;
  const previousEnd = atoms.end[atoms.length - 1];
  const tail = text.slice(
    Math.max(atoms.contentStart[atoms.length - 1], previousEnd - 6),
    previousEnd,
  );
  return SENTENCE_END.test(tail) ? Boundary.sentence : Boundary.word;
}

interface Run {
  start: number;
  contentStart: number;
  end: number;
  boundary: BoundaryStrength;
}

function splitLongRun(
  text: string,
  run: Run,
  maxTokens: number,
  counter: TokenCounter,
  atoms: TextAtoms,
): void {
  const body = text.slice(run.contentStart, run.end);
  let pieceStart = run.contentStart;
  let boundary = run.boundary;
  const emitPiece = (pieceEnd: number, next: BoundaryStrength) => {
    for (let from = pieceStart; from < pieceEnd;) {
      let to = Math.min(pieceEnd, from + FRAGMENT_CHARS);
      if (to < pieceEnd) to = Math.min(pieceEnd, graphemeBoundaryNear(text, to, from));
      // The run's leading whitespace rides on its first fragment, as o200k would encode it.
      const withSpace = from === run.contentStart ? run.start : from;
      pushFragment(text, withSpace, from, to, boundary, maxTokens, counter, atoms);
      boundary = Boundary.grapheme;
      from = to;
    }
    pieceStart = pieceEnd;
    boundary = next;
  };
  for (const match of body.matchAll(CJK_BREAK)) {
    const pieceEnd = run.contentStart + match.index + match[0].length;
    if (pieceEnd >= run.end) break;
    emitPiece(pieceEnd, CJK_SENTENCE_END.test(match[0]) ? Boundary.sentence : Boundary.word);
  }
  emitPiece(run.end, Boundary.grapheme);
}

function pushFragment(
  text: string,
  start: number,
  contentStart: number,
  end: number,
  boundary: BoundaryStrength,
  maxTokens: number,
  counter: TokenCounter,
  atoms: TextAtoms,
): void {
  const tokens = counter.countPiece(text.slice(start, end));
  if (tokens <= maxTokens) {
    atoms.push(start, contentStart, end, tokens, boundary);
    return;
  }
  // Tiny budgets (a few tokens): fall back to one atom per grapheme and let packing regroup them.
  let from = contentStart;
  let withSpace = start;
  while (from < end) {
    let to = from + 1;
    while (to < end && !isGraphemeBoundary(text, to)) to++;
    atoms.push(withSpace, from, to, counter.countPiece(text.slice(withSpace, to)), boundary);
    boundary = Boundary.grapheme;
    withSpace = to;
    from = to;
  }
}
