import { patternVocabulary } from './pattern-vocabulary';

/**
 * A stretch of the normalised text with each run-together word replaced by its segmentation,
 * so phrases spanning several runs ("ne tiens pas compte des consignes ci" + "dessus et …")
 * match too. Only stretches around split runs are rebuilt, so the cost follows the runs.
 */
export interface SegmentedView {
  text: string;
  /** Offset in the normalised text for a view offset; inside a split run, its start or end. */
  toNormalised(index: number, edge: 'start' | 'end'): number;
  /** Whether a view span overlaps a split run (the plain text was scanned already). */
  touchesRun(start: number, end: number): boolean;
}

interface SplitRun {
  start: number;
  end: number;
  segmented: string;
}

interface RunSpan {
  viewStart: number;
  viewEnd: number;
  start: number;
  end: number;
}

/** Text kept on each side of a split run: enough for the words a phrase needs around it. */
const CONTEXT = 200;
/** Long enough to be more than one word, short enough that segmenting stays cheap. */
const MIN_LENGTH = 12;
const MAX_LENGTH = 400;
const MAX_RUNS = 256;
/**
 * At least three dictionary words of three letters or more, covering at least 60% of the run:
 * one- and two-letter words ("a", "il", "of") fit anywhere and prove nothing.
 */
const MIN_WORDS = 3;
const MIN_COVERAGE = 0.6;
const MIN_TELLING_LENGTH = 3;
/** A letter no dictionary word covers costs more than a whole word: words are preferred. */
const UNKNOWN_COST = 1.5;
/**
 * Words of one or two letters cost a little more, which settles ties the right way:
 * "compte des" rather than "compted es", "aktiviere den" rather than "aktivierend en".
 */
const SHORT_WORD_COST = 1.4;

let trie: TrieNode | undefined;

/**
 * Letter runs that are several words written together: "ignoreallpreviousinstructions" (a
 * hashtag, a camelCase identifier, or letter-spaced text with no word gaps). Each run is split
 * by dynamic programming into dictionary words (the patterns' own words) and unknown stretches,
 * at the least cost; runs mostly made of unknown letters are ordinary long words and stay.
 * Returns one view per stretch of text around split runs; none when no run was split.
 */
export function segmentCompactRuns(text: string): SegmentedView[] {
  const runs = splitRuns(text);
  const views: SegmentedView[] = [];
  for (let first = 0; first < runs.length;) {
    const regionStart = Math.max(0, runs[first].start - CONTEXT);
    let last = first;
    while (last + 1 < runs.length && runs[last + 1].start - CONTEXT <= runs[last].end + CONTEXT) {
      last += 1;
    }
    const regionEnd = Math.min(text.length, runs[last].end + CONTEXT);
    views.push(buildView(text, regionStart, regionEnd, runs.slice(first, last + 1)));
    first = last + 1;
  }
  return views;
}

function splitRuns(text: string): SplitRun[] {
  const runs: SplitRun[] = [];
  let i = 0;
  while (i < text.length && runs.length < MAX_RUNS) {
    if (!isLetter(text.charCodeAt(i)) || (i > 0 && isWordCode(text.charCodeAt(i - 1)))) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < text.length && isLetter(text.charCodeAt(i))) i += 1;
    const length = i - start;
    if (length < MIN_LENGTH || length > MAX_LENGTH || isWordCode(text.charCodeAt(i))) continue;
    const segmented = segment(text.slice(start, i));
    if (segmented !== null) runs.push({ start, end: i, segmented });
  }
  return runs;
}

function buildView(
  text: string,
  regionStart: number,
  regionEnd: number,
  runs: readonly SplitRun[],
): SegmentedView {
  const spans: RunSpan[] = [];
  let view = '';
  let copied = regionStart;
  for (const run of runs) {
    view += text.slice(copied, run.start);
    spans.push({
      viewStart: view.length,
      viewEnd: view.length + run.segmented.length,
      start: run.start,
      end: run.end,
    });
    view += run.segmented;
    copied = run.end;
  }
  view += text.slice(copied, regionEnd);
  return {
    text: view,
    toNormalised: (index, edge) => {
      const span = lastRunAtOrBefore(spans, index);
      if (!span) return regionStart + index;
      if (index < span.viewEnd) return edge === 'start' ? span.start : span.end;
      return index - span.viewEnd + span.end;
    },
    touchesRun: (start, end) => spans.some((span) => span.viewStart < end && start < span.viewEnd),
  };
}

function lastRunAtOrBefore(runs: readonly RunSpan[], index: number): RunSpan | undefined {
  let low = 0;
  let high = runs.length - 1;
  let found: RunSpan | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (runs[middle].viewStart <= index) {
      found = runs[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  word: boolean;
}

function segment(run: string): string | null {
  trie ??= buildTrie();
  const n = run.length;
  // cost[k]: cheapest split of run[0, k); from[k]: where its last piece starts; known[k]:
  // whether that piece is a dictionary word (else one unknown letter).
  const cost = new Array<number>(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  const known = new Uint8Array(n + 1);
  cost[0] = 0;
  for (let start = 0; start < n; start += 1) {
    if (cost[start] + UNKNOWN_COST < cost[start + 1]) {
      cost[start + 1] = cost[start] + UNKNOWN_COST;
      from[start + 1] = start;
      known[start + 1] = 0;
    }
    // Walking the trie costs a few steps per position: most letters start no word.
    let node: TrieNode | undefined = trie;
    for (let k = start; k < n; k += 1) {
      node = node.next.get(run[k]);
      if (!node) break;
      const wordCost = k - start < 2 ? SHORT_WORD_COST : 1;
      if (node.word && cost[start] + wordCost <= cost[k + 1]) {
        cost[k + 1] = cost[start] + wordCost;
        from[k + 1] = start;
        known[k + 1] = 1;
      }
    }
  }
  const parts: string[] = [];
  let words = 0;
  let covered = 0;
  let unknown = '';
  for (let end = n; end > 0; end = from[end]) {
    const piece = run.slice(from[end], end);
    if (known[end]) {
      if (unknown) parts.push(unknown);
      unknown = '';
      parts.push(piece);
      if (piece.length >= MIN_TELLING_LENGTH) {
        words += 1;
        covered += piece.length;
      }
    } else {
      unknown = piece + unknown;
    }
  }
  if (unknown) parts.push(unknown);
  if (words < MIN_WORDS || covered < n * MIN_COVERAGE) return null;
  return parts.reverse().join(' ');
}

function buildTrie(): TrieNode {
  const root: TrieNode = { next: new Map(), word: false };
  const add = (word: string): void => {
    let node = root;
    for (const char of word) {
      let child = node.next.get(char);
      if (!child) {
        child = { next: new Map(), word: false };
        node.next.set(char, child);
      }
      node = child;
    }
    node.word = true;
  };
  for (const word of patternVocabulary()) add(word);
  return root;
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isWordCode(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code >= 0x80;
}
