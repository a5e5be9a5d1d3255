import type { Finding } from '../finding';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;

/**
 * File extensions that follow an `@` in asset names (`icon@2x.png`) and package specs
 * (`lodash@4.17.21` is caught by the all-letters TLD rule already); none is a real TLD.
 */
const FILE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'bmp',
  'tif',
  'tiff',
  'avif',
  'pdf',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'css',
  'scss',
  'json',
  'yaml',
  'yml',
  'lock',
  'txt',
  'exe',
  'dll',
  'map',
  'wasm',
]);

/**
 * Email addresses (RFC 5322 "dot-atom" local parts, internationalised letters allowed). Found by
 * expanding around each `@` with bounded loops instead of a regex: a regex with a repeated local
 * part rescans long runs of word characters from every start and goes quadratic on 1 MB inputs.
 */
export function detectEmails(text: string): Finding[] {
  const findings: Finding[] = [];
  let floor = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    const start = localPartStart(text, at, floor);
    const end = start === undefined ? undefined : domainEnd(text, at);
    if (start !== undefined && end !== undefined && !isExcluded(text, start, end)) {
      findings.push({ kind: 'email', start, end, score: 0.95, reason: 'email address' });
      floor = end;
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return findings;
}

function localPartStart(text: string, at: number, floor: number): number | undefined {
  let start = at;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1), text.charAt(start - 1))) {
    start--;
    if (at - start > MAX_LOCAL) return undefined;
  }
  // Quotes and punctuation that open a sentence or a quotation are not part of the address.
  while (start < at && !isAlphanumeric(text.charAt(start))) start++;
  const doubleDot = text.slice(start, at).lastIndexOf('..');
  if (doubleDot !== -1) start += doubleDot + 2;
  if (start >= at || text.charAt(at - 1) === '.') return undefined;
  return start;
}

function domainEnd(text: string, at: number): number | undefined {
  let i = at + 1;
  let labels = 0;
  let lastLabelStart = i;
  let end: number | undefined;
  for (;;) {
    const labelStart = i;
    while (i < text.length && isLabelChar(text.charAt(i))) {
      i++;
      if (i - labelStart > MAX_LABEL) return undefined;
    }
    if (i === labelStart) break;
    const label = text.slice(labelStart, i);
    if (label.startsWith('-') || label.endsWith('-')) break;
    labels++;
    lastLabelStart = labelStart;
    end = i;
    if (i - at > MAX_DOMAIN) return undefined;
    if (text.charAt(i) !== '.' || !isLabelChar(text.charAt(i + 1))) break;
    i++;
  }
  if (end === undefined || labels < 2) return undefined;
  return isTopLevelDomain(text.slice(lastLabelStart, end)) ? end : undefined;
}

function isTopLevelDomain(label: string): boolean {
  if (label.length < 2) return false;
  if (/^xn--[a-z0-9-]+$/i.test(label)) return true;
  return /^\p{L}+$/u.test(label) && !FILE_EXTENSIONS.has(label.toLowerCase());
}

/**
 * `https://user@host` and `postgres://user:pw@host` are URL userinfo, `git@github.com:org/repo`
 * an scp-style remote; they look like addresses but name accounts on machines, not mailboxes.
 */
function isExcluded(text: string, start: number, end: number): boolean {
  // The token the local part belongs to, back to the last whitespace: `postgres://u:pw@host`.
  const before = text.slice(Math.max(0, start - 256), start);
  const token = before.slice(Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n')) + 1);
  const scheme = token.lastIndexOf('://');
  // ...but `https://x.com/?email=a@b.com` carries an address in its query.
  if (scheme !== -1 && !/[/?#=&]/.test(token.slice(scheme + 3))) return true;
  return text.charAt(end) === ':' && /[\w~/]/.test(text.charAt(end + 1));
}

function isLocalChar(code: number, char: string): boolean {
  if (code < 128) {
    return (
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      char === '.' ||
      char === '_' ||
      char === '%' ||
      char === '+' ||
      char === '-' ||
      char === "'"
    );
  }
  return /[\p{L}\p{N}]/u.test(char);
}

function isLabelChar(char: string): boolean {
  return /^[\p{L}\p{N}-]$/u.test(char);
}

function isAlphanumeric(char: string): boolean {
  return /^[\p{L}\p{N}_]$/u.test(char);
}
