export type PayloadEncoding = 'base64' | 'hex';

export interface EncodedPayload {
  encoding: PayloadEncoding;
  /** Offsets of the encoded text in the scanned text. */
  start: number;
  end: number;
  decoded: string;
}

// Each regex is a greedy run of one character class with no assertion that could fail after
// it, so a candidate is found in one pass with no backtracking into the run; leftmost matching
// starts it at the beginning of the run. No leading lookbehind: it would stop the regex engine
// from skipping quickly to a possible start, which costs ~3x on ordinary text.
/** Standard or URL-safe base64, possibly wrapped at line ends (MIME, PEM-style). */
const BASE64 = /[A-Za-z0-9+/_-]{16,}(?:\r?\n[A-Za-z0-9+/_-]{4,})*={0,2}/g;
const HEX = /[0-9A-Fa-f]{16,}/g;
const HEX_SEPARATED = /[0-9A-Fa-f]{2}(?:[ :,-][0-9A-Fa-f]{2}){7,}/g;
const HEX_ESCAPED = /(?:\\x[0-9A-Fa-f]{2}){8,}/g;
const NOT_HEX = /[^0-9A-Fa-f]/g;
/** Cheap test before the separated-hex scan: three separated pairs in a row. */
const HEX_PAIR_THEN_SEPARATOR = /[0-9A-Fa-f]{2}[ :,-][0-9A-Fa-f]{2}[ :,-][0-9A-Fa-f]{2}[ :,-]/;
const WHITESPACE = /\s+/g;
/** Plain words (even long ones) are not base64 worth decoding: real payloads mix in case or digits. */
const BASE64_SIGNAL = /[A-Z0-9+/]/;

/** Bounds on the work one scan spends decoding, whatever the input. */
const MAX_CANDIDATES = 64;
const MAX_CANDIDATE_LENGTH = 65536;
const MAX_DECODED_TOTAL = 262144;
const MIN_DECODED_LENGTH = 8;

/**
 * Base64 and hex runs in `text` that decode to mostly printable, mostly alphabetic UTF-8: an
 * instruction could be hiding there. Hashes, keys and binary data decode to noise and are
 * dropped here, so only text is scanned again.
 */
export function findEncodedPayloads(text: string): EncodedPayload[] {
  const payloads: EncodedPayload[] = [];
  let budget = MAX_DECODED_TOTAL;
  let candidates = 0;
  const consider = (encoding: PayloadEncoding, start: number, encoded: string): void => {
    candidates += 1;
    if (candidates > MAX_CANDIDATES || budget <= 0 || encoded.length > MAX_CANDIDATE_LENGTH) return;
    const decoded = encoding === 'hex' ? decodeHex(encoded) : decodeBase64(encoded);
    budget -= decoded.length;
    if (looksLikeText(decoded)) {
      payloads.push({ encoding, start, end: start + encoded.length, decoded });
    }
  };
  for (const match of text.matchAll(BASE64)) {
    if (BASE64_SIGNAL.test(match[0])) consider('base64', match.index, match[0]);
  }
  for (const match of text.matchAll(HEX)) consider('hex', match.index, match[0]);
  if (HEX_PAIR_THEN_SEPARATOR.test(text)) {
    for (const match of text.matchAll(HEX_SEPARATED)) consider('hex', match.index, match[0]);
  }
  if (text.includes('\\x')) {
    for (const match of text.matchAll(HEX_ESCAPED)) consider('hex', match.index, match[0]);
  }
  return payloads;
}

function decodeBase64(encoded: string): string {
  // Node's base64 decoder accepts the URL-safe alphabet too and skips what it cannot read.
  return Buffer.from(encoded.replace(WHITESPACE, ''), 'base64').toString('utf8');
}

function decodeHex(encoded: string): string {
  let digits = encoded.replace(/\\x/g, '').replace(NOT_HEX, '');
  if (digits.length % 2 === 1) digits = digits.slice(0, -1);
  return Buffer.from(digits, 'hex').toString('utf8');
}

/** ≥ 90 % printable and ≥ 40 % letters: words, not bytes. */
function looksLikeText(decoded: string): boolean {
  if (decoded.length < MIN_DECODED_LENGTH) return false;
  let printable = 0;
  let letters = 0;
  for (let i = 0; i < decoded.length; i += 1) {
    const code = decoded.charCodeAt(i);
    if (
      code === 0xfffd ||
      code === 0x7f ||
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)
    ) {
      continue;
    }
    printable += 1;
    const lower = code | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || code >= 0xc0) letters += 1;
  }
  return printable >= decoded.length * 0.9 && letters >= decoded.length * 0.4;
}
