import { isGraphemeBoundary } from './grapheme-boundary';
import { Boundary, splitIntoAtoms, type TextAtoms } from './text-atoms';
import { TokenCounter } from './token-counter';

export interface TextChunk {
  /** 0, 1, 2… in document order. */
  index: number;
  /** Always `text.slice(start, end)` of the chunked text. */
  text: string;
  /** UTF-16 offsets into the chunked text. */
  start: number;
  end: number;
  /** o200k_base tokens of `text` encoded on its own. */
  tokenCount: number;
}

export interface ChunkOptions {
  /** Upper bound on every chunk's tokens (o200k_base), ≥ 1. */
  maxTokens: number;
  /** About this many tokens of a chunk's tail open the next one; < maxTokens. */
  overlapTokens: number;
}

// A chunk carved out of one unbroken run (no spaces) is capped in characters too: encoding it
// to check its size costs the square of its length.
const MAX_RUN_CHARS_PER_CHUNK = 2048;
const END_OF_TEXT = 4;
const counter = new TokenCounter();

/**
 * Splits text into chunks of at most `maxTokens` o200k tokens, cutting at the best boundary
 * available (paragraph, then sentence, then word; inside a word only when one word exceeds a
 * chunk) and never inside a grapheme. Each chunk but the first opens with about
 * `overlapTokens` tokens of its predecessor's tail, whole words.
 *
 * Token counts are estimated from per-word counts to place cuts, then every chunk is encoded
 * once to check it, so the cost stays linear in the text. A single grapheme larger than
 * `maxTokens` (possible only with tiny budgets) becomes a chunk of its own.
 */
export function chunkText(text: string, options: ChunkOptions): TextChunk[] {
  validateOptions(options);
  const atoms = splitIntoAtoms(text, options.maxTokens, counter);
  return new ChunkPacker(text, atoms, options).pack();
}

function validateOptions({ maxTokens, overlapTokens }: ChunkOptions): void {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`chunkText: maxTokens must be an integer ≥ 1, got ${maxTokens}`);
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0) {
    throw new RangeError(`chunkText: overlapTokens must be an integer ≥ 0, got ${overlapTokens}`);
  }
  if (overlapTokens >= maxTokens) {
    throw new RangeError(
      `chunkText: overlapTokens (${overlapTokens}) must be less than maxTokens (${maxTokens})`,
    );
  }
}

class ChunkPacker {
  private readonly maxTokens: number;
  private readonly overlapTokens: number;

  constructor(
    private readonly text: string,
    private readonly atoms: TextAtoms,
    options: ChunkOptions,
  ) {
    this.maxTokens = options.maxTokens;
    this.overlapTokens = options.overlapTokens;
  }

  pack(): TextChunk[] {
    const chunks: TextChunk[] = [];
    const count = this.atoms.length;
    // Atoms [first, last) form the current chunk; those before `covered` repeat the previous one.
    let first = 0;
    let covered = 0;
    while (covered < count) {
      let limit = this.fill(first);
      // Every chunk must add something new: give up overlap before stalling.
      while (limit <= covered && first < covered) limit = this.fill(++first);
      if (limit <= covered) limit = covered + 1;
      let last = this.chooseCut(first, limit, covered);
      let start = this.startOffset(first);
      let chunkText = this.text.slice(start, this.atoms.end[last - 1]);
      let tokens = counter.count(chunkText);
      // Per-word counts are estimates (BPE is not additive across every cut): trust the real count.
      while (tokens > this.maxTokens && last - first > 1) {
        if (last - 1 > covered) last = this.chooseCut(first, last - 1, covered);
        else start = this.startOffset(++first);
        chunkText = this.text.slice(start, this.atoms.end[last - 1]);
        tokens = counter.count(chunkText);
      }
      chunks.push({
        index: chunks.length,
        text: chunkText,
        start,
        end: start + chunkText.length,
        tokenCount: tokens,
      });
      covered = last;
      first = this.overlapStart(first, last);
    }
    return chunks;
  }

  /** Exclusive end of the longest run of atoms from `first` whose estimated tokens fit. */
  private fill(first: number): number {
    const { atoms } = this;
    let tokens = 0;
    let runChars = 0;
    let next = first;
    for (; next < atoms.length; next++) {
      tokens += atoms.tokens[next];
      if (tokens > this.maxTokens) break;
      runChars =
        atoms.boundaryBefore[next] === Boundary.grapheme && next > first
          ? runChars + atoms.end[next] - atoms.start[next]
          : atoms.end[next] - atoms.contentStart[next];
      if (runChars > MAX_RUN_CHARS_PER_CHUNK && next > first) break;
    }
    return next;
  }

  /**
   * Best end in (covered, limit]: the strongest boundary among those that bring at least half
   * a chunk of new tokens, the latest on ties; `limit` itself when none does.
   */
  private chooseCut(first: number, limit: number, covered: number): number {
    const { atoms } = this;
    let overlap = 0;
    for (let i = first; i < covered; i++) overlap += atoms.tokens[i];
    let fresh = 0;
    for (let i = covered; i < limit; i++) fresh += atoms.tokens[i];
    const minFresh = Math.ceil((this.maxTokens - overlap) / 2);
    let best = limit;
    let bestStrength = -1;
    for (let end = limit; end > covered && fresh >= minFresh; end--) {
      const strength = end === atoms.length ? END_OF_TEXT : atoms.boundaryBefore[end];
      if (strength > bestStrength) {
        best = end;
        bestStrength = strength;
      }
      fresh -= atoms.tokens[end - 1];
    }
    return best;
  }

  /** Where the next chunk starts: whole atoms of this one's tail worth ≤ overlapTokens. */
  private overlapStart(first: number, last: number): number {
    const { atoms } = this;
    let start = last;
    let tokens = 0;
    let runChars = 0;
    while (start - 1 > first && tokens + atoms.tokens[start - 1] <= this.overlapTokens) {
      const atom = start - 1;
      const sameRun = start < last && atoms.boundaryBefore[start] === Boundary.grapheme;
      runChars = (sameRun ? runChars : 0) + atoms.end[atom] - atoms.start[atom];
      // Inside one unbroken run the next chunk is capped in characters: leave it room to advance.
      if (runChars > MAX_RUN_CHARS_PER_CHUNK / 2) break;
      start = atom;
      tokens += atoms.tokens[atom];
    }
    return start;
  }

  /** A chunk starts at its first atom's first non-space character, kept on a grapheme boundary. */
  private startOffset(atom: number): number {
    let start = this.atoms.contentStart[atom];
    while (start > this.atoms.start[atom] && !isGraphemeBoundary(this.text, start)) start--;
    return start;
  }
}
