import type {
  AttackFamily,
  FirstWords,
  InjectionPattern,
  PatternLanguage,
} from './injection-pattern';

/**
 * A phrase is a sequence of parts:
 * - a word list (`['ignore', 'disregard*']`): one of these, where `*` allows a suffix
 *   ("instruction*" → instructions, instrucciones), `$` at the end requires the clause to end
 *   there ("above$"), spaces inside an entry allow up to three separators or none
 *   ("system prompt" → "system-prompt", "systemprompt"), and `'` is optional ("don't" → dont);
 * - `gap(n)`: up to n filler words;
 * - `opt(...)`: one optional word from the list.
 *
 * The compiled regex only uses constructs that cannot backtrack catastrophically: every
 * repetition alternates letter runs with non-letter runs (disjoint classes, so each has exactly
 * one way to match), and every repetition count is bounded. Matching is linear in the text.
 */
export type PhrasePart = readonly string[] | { gap: number } | { optional: readonly string[] };

export const gap = (words: number): PhrasePart => ({ gap: words });
export const opt = (...words: string[]): PhrasePart => ({ optional: words });

/**
 * Word characters are ASCII letters and digits. Normalised text is ASCII for Latin-script
 * languages (accents stripped, homoglyphs folded), and ASCII classes keep these ~200 regexes
 * cheap to compile and run; Unicode property classes made a scan ~10x slower. A non-Latin
 * letter therefore reads as punctuation, which only lets more text match, never less.
 */
const SEPARATOR = '[^a-z0-9]{1,4}';
/**
 * Filler words never include the speaker's own possessives and pronouns: "ignore my previous
 * instructions" is a user changing their mind, not an injection.
 */
const OWN_WORDS =
  'my|mine|i|ich|mein|meine|meinen|meiner|meinem|meines|je|j|mes|mon|ma|mis|mi|yo|we|wir|nous';
const FILLER_WORD = `(?!(?:${OWN_WORDS})(?![a-z0-9]))[a-z0-9]+`;
const START = '(?<![a-z0-9])';
const END = '(?![a-z0-9])';
/** Stems shorter than this would be tried at too many words. */
const MIN_STEM = 3;

export interface PatternOptions {
  negatable?: boolean;
  /** Phrase patterns only: the match must start a sentence (text start or after . ! ? ; : or a newline). */
  sentenceStart?: boolean;
  /** Raw patterns only: substrings one of which the text must contain for the scan to run. */
  triggers?: readonly string[];
}

export function phrase(
  id: string,
  family: AttackFamily,
  lang: PatternLanguage,
  weight: number,
  parts: readonly PhrasePart[],
  options: PatternOptions = {},
): InjectionPattern {
  let source = START;
  let needSeparator = false;
  const vocabulary: string[] = [];
  for (const part of parts) {
    if (needSeparator) source += SEPARATOR;
    if ('gap' in part) {
      source += `(?:${FILLER_WORD}${SEPARATOR}){0,${part.gap}}`;
      needSeparator = false;
    } else if ('optional' in part) {
      source += `(?:${alternation(part.optional)}${SEPARATOR})?`;
      vocabulary.push(...wordsOf(part.optional));
      needSeparator = false;
    } else {
      source += alternation(part);
      vocabulary.push(...wordsOf(part));
      needSeparator = true;
    }
  }
  const first = parts[0];
  const firstWords = Array.isArray(first) ? firstWordsOf(first as readonly string[]) : null;
  const lists = parts.filter((part): part is readonly string[] => Array.isArray(part));
  const lastWordKeys = lists.length > 1 ? wordKeysOf(lists[lists.length - 1]) : null;
  return build(
    id,
    family,
    lang,
    weight,
    source + END,
    options,
    vocabulary,
    firstWords,
    lastWordKeys,
  );
}

/**
 * A hand-written regex source (delimiters, tokens); the author owns its linearity. Like phrases,
 * it runs without the `u` flag, so it must use ASCII classes only.
 */
export function raw(
  id: string,
  family: AttackFamily,
  lang: PatternLanguage,
  weight: number,
  source: string,
  options: PatternOptions = {},
): InjectionPattern {
  return build(id, family, lang, weight, source, options, [], null, null);
}

function build(
  id: string,
  family: AttackFamily,
  lang: PatternLanguage,
  weight: number,
  source: string,
  options: PatternOptions,
  vocabulary: string[],
  firstWords: FirstWords | null,
  lastWordKeys: string[] | null,
): InjectionPattern {
  return {
    id,
    family,
    lang,
    weight,
    regex: new RegExp(source, 'g'),
    sticky: new RegExp(source, 'y'),
    firstWords,
    lastWordKeys,
    triggers: options.triggers ?? [],
    sentenceStart: options.sentenceStart ?? false,
    negatable: options.negatable ?? false,
    vocabulary: [...new Set(vocabulary)],
  };
}

/**
 * The words an entry list can start with. An entry's first word may be written with an
 * optional apostrophe or hyphen ("don't" also matches "dont"), and a text word stops at the
 * apostrophe, so both spellings count. Null when a stem is too short to index.
 */
function firstWordsOf(entries: readonly string[]): FirstWords | null {
  const exact = new Set<string>();
  const stems = new Set<string>();
  for (const entry of entries) {
    const word = entry.trim().split(/\s+/)[0].replace(/\$$/, '');
    const stem = word.endsWith('*');
    const segments = word
      .replace(/\*$/, '')
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (segments.length === 0) return null;
    if (segments.length > 1) exact.add(segments[0]);
    const joined = segments.join('');
    if (!stem) exact.add(joined);
    else if (joined.length >= MIN_STEM) stems.add(joined);
    else return null;
  }
  return { exact: [...exact], stems: [...stems] };
}

/** The key of a word of the text: its first three letters, or the whole word when shorter. */
export function wordKey(word: string): string {
  return word.length > 3 ? word.slice(0, 3) : word;
}

/**
 * Keys of the words an entry list can contribute to a text: each entry's first word, and the
 * entry written together ("ci dessus" also matches "cidessus"). Null when an entry starts with
 * something else than a letter or digit, which cannot be keyed.
 */
function wordKeysOf(entries: readonly string[]): string[] | null {
  const keys = new Set<string>();
  for (const entry of entries) {
    const words = entry
      .replace(/[*$]/g, '')
      .trim()
      .split(/[^a-z0-9]+/);
    if (words[0] === '') return null;
    keys.add(wordKey(words[0]));
    keys.add(wordKey(words.join('')));
  }
  return [...keys];
}

function alternation(entries: readonly string[]): string {
  return `(?:${entries.map(compileEntry).join('|')})`;
}

function compileEntry(entry: string): string {
  return entry.trim().split(/\s+/).map(compileWord).join('[^a-z0-9]{0,3}');
}

/** After an entry ending in `$`: the clause ends here ("the text above." but not "above the table"). */
const CLAUSE_END = '(?=[ \\t]*(?:[.!?,;:\\n"\')]|$))';

function compileWord(word: string): string {
  if (word.length > 1 && word.endsWith('$')) return compileWord(word.slice(0, -1)) + CLAUSE_END;
  const stem = word.endsWith('*');
  const body = stem ? word.slice(0, -1) : word;
  let out = '';
  for (const char of body) {
    if (char === "'") out += "'?";
    else if (char === '-') out += '-?';
    else out += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return stem ? `${out}[a-z]*` : out;
}

function wordsOf(entries: readonly string[]): string[] {
  return entries.flatMap((entry) =>
    entry
      .split(/[^\p{L}\p{N}*]+/u)
      .filter((word) => word.length > 1)
      .map((word) => word.replace(/[*$]$/, '')),
  );
}
