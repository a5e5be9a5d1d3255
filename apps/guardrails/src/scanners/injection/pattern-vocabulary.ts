import { INJECTION_PATTERNS } from './pattern.catalog';

/**
 * Small words the pattern tables leave between their listed words (fillers), in the four
 * languages, so "ignoreallthepreviousinstructions" can be split completely.
 */
// prettier-ignore
const FILLER_WORDS = [
  'a', 'i', 'the', 'all', 'any', 'your', 'you', 'are', 'is', 'now', 'to', 'of', 'and', 'me', 'with',
  'no', 'in', 'on', 'be', 'it', 'this', 'that', 'an', 'from', 'for', 'do', 'not', 'what', 'were',
  'was', 'mode', 'enabled', 'alle', 'deine', 'die', 'der', 'das', 'und', 'du', 'bist', 'jetzt',
  'toutes', 'les', 'tes', 'et', 'tu', 'es', 'todas', 'las', 'tus', 'y', 'eres', 'ahora', 'de',
  'la', 'le', 'el', 'los', 'un', 'une', 'una', 'ein', 'eine', 'ai', 'say', 'tell', 'print',
  'please', 'bitte', 'mir', 'moi', 'how', 'wie', 'comment', 'como', 'write', 'explain', 'oder',
  'mich', 'dich', 'dir', 'man', 'einen', 'auf', 'mit', 'fur', 'von', 'zu', 'im', 'ist', 'sind',
  'was', 'auch', 'aber', 'dass', 'des', 'du', 'sur', 'avec', 'pour', 'par', 'est', 'sont', 'ce',
  'qui', 'que', 'toi', 'en', 'au', 'aux', 'ne', 'pas', 'plus', 'o', 'con', 'para', 'por', 'sin',
  'del', 'al', 'lo', 'se', 'su', 'sus', 'mi', 'te', 'my', 'i', 'we', 'he', 'she', 'they', 'as',
  'at', 'by', 'or', 'if', 'so', 'but', 'how', 'who', 'why', 'when', 'where', 'which', 'there',
  'erklare', 'erklaere', 'explique', 'explica', 'sag', 'dis', 'dime', 'gib', 'zeig', 'schreib',
  'schreibe', 'ecris', 'escribe', 'write', 'give', 'show', 'make', 'send',
];
/** Inflections the tables cover with `*`, which a dictionary lookup needs spelled out. */
const SUFFIXES = ['', 's', 'es', 'e', 'en', 'n', 'er', 'ed', 'ing'];

let words: ReadonlySet<string> | undefined;

/** Every plain word the patterns are built from, with common inflections, plus filler words. */
export function patternVocabulary(): ReadonlySet<string> {
  if (words) return words;
  const all = new Set<string>(FILLER_WORDS);
  for (const pattern of INJECTION_PATTERNS) {
    for (const word of pattern.vocabulary) {
      if (/^[a-z]+$/.test(word)) for (const suffix of SUFFIXES) all.add(word + suffix);
    }
  }
  words = all;
  return all;
}
