import { foldConfusable } from './confusables.table';
import { type MappedText, MappedTextBuilder } from './mapped-text.builder';

/**
 * Same set as `stripInvisibleText` (format controls incl. zero-width and bidi controls, tag
 * characters, private-use, unassigned, variation selectors). Emoji glue is dropped too: for a
 * keyword scan a ZWJ between emoji carries nothing, and keeping it would split words.
 */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const MARK = /^\p{M}$/u;
const PLAIN_ASCII = /^[\x20-\x7e\n]*$/;
const NONSPACING_MARKS = /\p{Mn}+/gu;
/** Zalgo text piles hundreds of marks on one letter; beyond this a cluster is split. */
const MAX_CLUSTER = 64;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const REPLACEMENT = 0xfffd;

/** Folding is pure per cluster, and real text repeats few distinct non-ASCII characters. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 8192;

/**
 * Pass 1 of normalisation, one cluster (a character plus its combining marks) at a time:
 * drop invisible characters, NFKC (fullwidth, mathematical alphanumerics, circled letters,
 * ligatures), fold homoglyphs, lower-case, strip accents, map every whitespace character to a
 * space or a newline. Lone surrogates become U+FFFD so later regexes see well-formed text.
 */
export function foldCharacters(text: string): MappedText {
  // Printable ASCII and newlines only: folding is lower-casing, and no offset moves.
  if (PLAIN_ASCII.test(text)) return { text: text.toLowerCase(), origins: null };
  const out = new MappedTextBuilder(text.length);
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    // Fast path: plain ASCII not followed by a combining mark is the common case by far.
    if (code < 0x80 && next < 0x300) {
      out.pushCode(foldAscii(code), i);
      i += 1;
      continue;
    }
    if (isLoneSurrogate(code, next, i > 0 ? text.charCodeAt(i - 1) : 0)) {
      out.pushCode(REPLACEMENT, i);
      i += 1;
      continue;
    }
    const end = clusterEnd(text, i);
    pushFolded(out, foldCluster(text.slice(i, end)), i);
    i = end;
  }
  return out.build(text.length);
}

function foldAscii(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c) return NEWLINE;
  // Tabs and other C0 controls read as separators, never as glue inside a word.
  if (code < 0x20 || code === 0x7f) return SPACE;
  return code;
}

function isLoneSurrogate(code: number, next: number, previous: number): boolean {
  if (code >= 0xd800 && code <= 0xdbff) return !(next >= 0xdc00 && next <= 0xdfff);
  if (code >= 0xdc00 && code <= 0xdfff) return !(previous >= 0xd800 && previous <= 0xdbff);
  return false;
}

function clusterEnd(text: string, start: number): number {
  let end = start + codePointLength(text, start);
  while (end < text.length && end - start < MAX_CLUSTER && text.charCodeAt(end) >= 0x300) {
    const length = codePointLength(text, end);
    if (!MARK.test(text.slice(end, end + length))) break;
    end += length;
  }
  return end;
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function foldCluster(cluster: string): string {
  const cached = cache.get(cluster);
  if (cached !== undefined) return cached;
  let folded = '';
  const visible = cluster.replace(INVISIBLE, '');
  for (const char of visible.normalize('NFKC')) {
    const direct = foldConfusable(char);
    if (direct !== undefined) {
      folded += direct;
      continue;
    }
    const bare = char.toLowerCase().normalize('NFD').replace(NONSPACING_MARKS, '');
    for (const part of bare) folded += foldConfusable(part) ?? part;
  }
  if (cache.size < CACHE_LIMIT) cache.set(cluster, folded);
  return folded;
}

function pushFolded(out: MappedTextBuilder, folded: string, origin: number): void {
  for (let k = 0; k < folded.length; k += 1) {
    const code = folded.charCodeAt(k);
    if (code < 0x80) out.pushCode(foldAscii(code), origin);
    else if (code === 0x2028 || code === 0x2029 || code === 0x85) out.pushCode(NEWLINE, origin);
    else if (isUnicodeSpace(code)) out.pushCode(SPACE, origin);
    else out.pushCode(code, origin);
  }
}

/** Space separators NFKC leaves alone (most, like U+3000, it already turned into U+0020). */
function isUnicodeSpace(code: number): boolean {
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}
