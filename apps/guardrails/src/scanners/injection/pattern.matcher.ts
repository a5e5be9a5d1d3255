import type { InjectionPattern } from './injection-pattern';
import { INJECTION_PATTERNS } from './pattern.catalog';
import { wordKey } from './pattern.compiler';

export interface PatternMatch {
  pattern: InjectionPattern;
  /** Offsets into the text that was matched (normalised text, not the original). */
  start: number;
  end: number;
}

/** A text repeating one attack thousands of times needs no more than this many findings. */
const MAX_MATCHES_PER_PATTERN = 32;
/**
 * Longest stretch a phrase can span from its first word to the start of its last: at most
 * ~12 gap words plus list entries. Generous on purpose; it only prunes hopeless attempts.
 */
const MAX_SPAN = 600;
/** Word characters as the compiled patterns see them (see pattern.compiler.ts). */
const WORD = /[a-z0-9]+/g;

interface StemEntry {
  stem: string;
  ids: number[];
}

interface PatternIndex {
  patterns: readonly InjectionPattern[];
  /** Matches so far per pattern in the current scan; reset after each scan. */
  counts: Int32Array;
  /**
   * Per phrase pattern, the offsets of words its last word list needs, ascending, and a
   * cursor into them: a phrase can only match where such a word follows within MAX_SPAN.
   */
  lastWords: number[][];
  cursors: Int32Array;
  /** Most matches kept per pattern in the current scan. */
  limit: number;
  /** Phrase pattern ids by exact first word. */
  byWord: Map<string, number[]>;
  /** First-word stems by their first three letters, each with the ids starting with it. */
  byStemKey: Map<string, StemEntry[]>;
  /** Phrase pattern ids by the key of a word their last word list needs. */
  byLastWordKey: Map<string, number[]>;
  /** 1 for phrase patterns without a last-word filter: always tried. */
  unfiltered: Uint8Array;
  /** Hand-written patterns, run over the whole text. */
  global: number[];
  triggers: string[];
  /** For each global pattern (by position in `global`), indices into `triggers`. */
  globalTriggers: number[][];
}

const indexes = new WeakMap<readonly InjectionPattern[], PatternIndex>();

/**
 * Every match of `patterns` (by default the injection catalog) in `text` (normalised). Phrase patterns are tried only at words their
 * first word list can start with, with a sticky regex, and only when a word of their last
 * list occurs somewhere; hand-written patterns run over the whole text, and only when one of
 * their trigger substrings occurs. Not reentrant (module-level scratch), which is fine: scans
 * are synchronous and never nest inside this function.
 */
export function matchPatterns(
  text: string,
  patterns: readonly InjectionPattern[] = INJECTION_PATTERNS,
  maxPerPattern = MAX_MATCHES_PER_PATTERN,
): PatternMatch[] {
  let index = indexes.get(patterns);
  if (!index) {
    index = buildIndex(patterns);
    indexes.set(patterns, index);
  }
  const matches: PatternMatch[] = [];
  index.limit = maxPerPattern;
  try {
    enableByLastWord(text, index);
    matchAnchored(text, index, matches);
    matchGlobal(text, index, matches);
  } finally {
    index.counts.fill(0);
    index.cursors.fill(0);
    for (const offsets of index.lastWords) offsets.length = 0;
  }
  return matches;
}

/**
 * A first pass over the words: a phrase whose last word does not follow soon after a start
 * cannot match there, so most phrases starting with a common word ("the", "que", "die") are
 * never tried at all, even in long texts that use their last word somewhere.
 */
function enableByLastWord(text: string, idx: PatternIndex): void {
  WORD.lastIndex = 0;
  for (let word = WORD.exec(text); word; word = WORD.exec(text)) {
    const ids = idx.byLastWordKey.get(wordKey(word[0]));
    if (ids) for (const id of ids) idx.lastWords[id].push(word.index);
  }
}

/** Whether a word the phrase `id` ends with occurs within MAX_SPAN after `start`. */
function lastWordFollows(idx: PatternIndex, id: number, start: number): boolean {
  if (idx.unfiltered[id] === 1) return true;
  const offsets = idx.lastWords[id];
  let cursor = idx.cursors[id];
  while (cursor < offsets.length && offsets[cursor] < start) cursor += 1;
  idx.cursors[id] = cursor;
  return cursor < offsets.length && offsets[cursor] - start <= MAX_SPAN;
}

function matchAnchored(text: string, idx: PatternIndex, matches: PatternMatch[]): void {
  WORD.lastIndex = 0;
  for (let word = WORD.exec(text); word; word = WORD.exec(text)) {
    const start = word.index;
    const exact = idx.byWord.get(word[0]);
    if (exact) tryAt(text, start, exact, idx, matches);
    if (word[0].length < 3) continue;
    const stems = idx.byStemKey.get(word[0].slice(0, 3));
    if (!stems) continue;
    for (const { stem, ids } of stems) {
      if (word[0].startsWith(stem)) tryAt(text, start, ids, idx, matches);
    }
  }
}

function tryAt(
  text: string,
  start: number,
  ids: readonly number[],
  idx: PatternIndex,
  matches: PatternMatch[],
): void {
  for (const id of ids) {
    if (idx.counts[id] >= idx.limit || !lastWordFollows(idx, id, start)) continue;
    const sticky = idx.patterns[id].sticky;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (!match || match[0].length === 0) continue;
    if (idx.patterns[id].sentenceStart && !startsSentence(text, start)) continue;
    record(idx, matches, id, start, start + match[0].length);
  }
}

const SENTENCE_END = new Set(['.', '!', '?', ';', ':', '\n']);

function startsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"')) i -= 1;
  return i < 0 || SENTENCE_END.has(text[i]);
}

function matchGlobal(text: string, idx: PatternIndex, matches: PatternMatch[]): void {
  const present = idx.triggers.map((trigger) => text.includes(trigger));
  idx.global.forEach((id, k) => {
    const triggers = idx.globalTriggers[k];
    if (triggers.length > 0 && !triggers.some((t) => present[t])) return;
    const regex = idx.patterns[id].regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      if (match[0].length === 0) regex.lastIndex += 1;
      else if (!record(idx, matches, id, match.index, match.index + match[0].length)) break;
    }
  });
}

function record(
  idx: PatternIndex,
  matches: PatternMatch[],
  id: number,
  start: number,
  end: number,
): boolean {
  if (idx.counts[id] >= idx.limit) return false;
  idx.counts[id] += 1;
  matches.push({ pattern: idx.patterns[id], start, end });
  return true;
}

function buildIndex(patterns: readonly InjectionPattern[]): PatternIndex {
  const idx: PatternIndex = {
    patterns,
    counts: new Int32Array(patterns.length),
    lastWords: patterns.map(() => []),
    cursors: new Int32Array(patterns.length),
    limit: MAX_MATCHES_PER_PATTERN,
    byWord: new Map(),
    byStemKey: new Map(),
    byLastWordKey: new Map(),
    unfiltered: new Uint8Array(patterns.length),
    global: [],
    triggers: [],
    globalTriggers: [],
  };
  patterns.forEach((pattern, id) => {
    if (pattern.firstWords === null) {
      idx.global.push(id);
      idx.globalTriggers.push(pattern.triggers.map((trigger) => triggerIndex(idx, trigger)));
      return;
    }
    for (const word of pattern.firstWords.exact) addId(idx.byWord, word, id);
    for (const stem of pattern.firstWords.stems) {
      const entries = idx.byStemKey.get(stem.slice(0, 3)) ?? [];
      let entry = entries.find((candidate) => candidate.stem === stem);
      if (!entry) {
        entry = { stem, ids: [] };
        entries.push(entry);
      }
      if (!entry.ids.includes(id)) entry.ids.push(id);
      idx.byStemKey.set(stem.slice(0, 3), entries);
    }
    if (pattern.lastWordKeys === null) idx.unfiltered[id] = 1;
    else for (const key of pattern.lastWordKeys) addId(idx.byLastWordKey, key, id);
  });
  return idx;
}

function addId(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key) ?? [];
  if (!ids.includes(id)) ids.push(id);
  map.set(key, ids);
}

function triggerIndex(idx: PatternIndex, trigger: string): number {
  if (!idx.triggers.includes(trigger)) idx.triggers.push(trigger);
  return idx.triggers.indexOf(trigger);
}
