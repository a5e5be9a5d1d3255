/** Digits and symbols that stand in for letters; `1` is decided per position (i or l). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
const LEET_CHAR = /[0-9@$]/g;
const OTHER_LETTER = /[\p{L}\p{N}]/u;
const VOWELS = 'aeiouy';

/**
 * Pass 3: "1gn0r3 4ll pr3v10u5" → "ignore all previous". Only words that mix letters with
 * leet characters and contain no other digits are rewritten, so "2024", "$5", "sha256" and
 * "v2" stay as they are. One character for one, so offsets do not move.
 */
export function undoLeetspeak(text: string): string {
  let result = '';
  let copied = 0;
  LEET_CHAR.lastIndex = 0;
  for (let match = LEET_CHAR.exec(text); match; match = LEET_CHAR.exec(text)) {
    const start = wordStart(text, match.index);
    const end = wordEnd(text, match.index);
    if (start < copied) continue;
    const word = text.slice(start, end);
    const decoded = decodeWord(word);
    if (decoded !== word) {
      result += text.slice(copied, start) + decoded;
      copied = end;
    }
    LEET_CHAR.lastIndex = end;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

function decodeWord(word: string): string {
  let hasLetter = false;
  for (const char of word) {
    if (char >= '0' && char <= '9' && !(char in LEET) && char !== '1') return word;
    if (!(char in LEET) && char !== '1') hasLetter = true;
  }
  if (!hasLetter) return word;
  const original = [...word];
  const chars = original.map((char) => LEET[char] ?? char);
  for (let k = 0; k < chars.length; k += 1) {
    if (chars[k] === '1') chars[k] = oneAsLetter(chars, k, original);
  }
  return chars.join('');
}

/**
 * `1` reads as `l` between vowels ("ru1es"), after a vowel at the end or before another `1`
 * ("a11", "mode1"), and after a `1` already read as `l`; otherwise as `i` ("1gn0re", "prev1ous").
 */
function oneAsLetter(chars: string[], k: number, original: string[]): string {
  const previous = k > 0 ? chars[k - 1] : '';
  const next = k + 1 < chars.length ? chars[k + 1] : '';
  if (k > 0 && original[k - 1] === '1' && previous === 'l') return 'l';
  const previousVowel = previous !== '' && VOWELS.includes(previous);
  if (previousVowel && (next === '' || next === '1' || VOWELS.includes(next))) return 'l';
  return 'i';
}

function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return true;
  if (code === 0x40 || code === 0x24) return true;
  return code >= 0x80 && OTHER_LETTER.test(char);
}

function wordStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && isWordChar(text[start - 1])) start -= 1;
  return start;
}

function wordEnd(text: string, index: number): number {
  let end = index + 1;
  while (end < text.length && isWordChar(text[end])) end += 1;
  return end;
}
