import { isIPv6 } from 'node:net';
import type { Finding } from '../finding';
import { hasContextAfter, hasContextBefore, lineBefore } from './context-window';
import { resolveOverlaps } from './resolve-overlaps';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/**
 * Four dotted octets that are not part of a longer dotted number (`1.2.3.4.5` is an OID or a
 * version) and not glued to a word (`v1.2.3.4`, `build-1.2.3.4`). Leading zeros are refused:
 * `01.02.03.04` is far more often a date or a code than an address.
 */
const IPV4 = new RegExp(`(?<![\\w.-])${OCTET}(?:\\.${OCTET}){3}(?![\\w-]|\\.\\d)`, 'g');

/**
 * Four-part versions (`version 4.0.0.0`, `Windows 10.0.19041.1`, `roll back to 8.1.1.5`) look
 * exactly like addresses; only the words before them tell them apart. "update ... to" is left
 * out on purpose: "update the A record to 203.0.113.7" is about an address.
 */
const VERSION_WORD =
  /(?:\b(?:version|versión|ver|release|build|firmware|section|chapter|windows|chrome|firefox|kernel)\b|§)[^\n]{0,12}$/i;
const VERSION_MOVE =
  /\b(?:upgrade|downgrade|roll(?:ed)?[ -]?back|revert|actualiza\w*|aktualisier\w*)\b(?:\s+\S+){0,3}\s+(?:to|from|auf|von|a|de|vers)\s+$/i;
/** "Version 10.0.14625.2129 installieren, nicht 8.5.8.8": a second version after a first. */
const VERSION_SIBLING =
  /\b(?:version|versión|release|build|firmware)\b[^\n]*?\bv?\d+(?:\.\d+)+([^\n]{1,32})$/i;
/** ... unless the words in between say the second number is where something runs. */
const ADDRESS_WORDS = /\b(?:ip|ips|address|adresse|dirección|host|server|on|at|to|auf|sur|en)\b/i;
/** `8.0.9.3 was released on ...`. */
const VERSION_AFTER =
  /^\s+(?:(?:was|is|has been|wurde|est|fue)\s+)?(?:released|veröffentlicht|publiée?|publicada)\b/i;

/**
 * IPv4 and IPv6 addresses. Loopback, private and unspecified addresses (`127.0.0.1`,
 * `10.0.0.1`, `0.0.0.0`, `::1`) are still flagged: they are addresses, and whether they are
 * sensitive is for the policy to say, not the detector.
 */
export function detectIpAddresses(text: string): Finding[] {
  // `::ffff:192.0.2.1` contains an IPv4 address; the longer IPv6 finding wins.
  return resolveOverlaps([...ipv4(text), ...ipv6(text)]);
}

function ipv4(text: string): Finding[] {
  const findings: Finding[] = [];
  let lastVersionEnd = -Infinity;
  for (const match of text.matchAll(IPV4)) {
    const start = match.index;
    const end = start + match[0].length;
    // "Version 15.5.0.5 installieren, nicht 5.8.5.2": a dotted number right after a version is
    // another version.
    const afterVersion =
      start - lastVersionEnd < 40 && !text.slice(lastVersionEnd, start).includes('\n');
    if (afterVersion || isVersion(text, start, end)) {
      lastVersionEnd = end;
      continue;
    }
    findings.push({ kind: 'ip_address', start, end, score: 0.9, reason: 'IPv4 address' });
  }
  return findings;
}

function isVersion(text: string, start: number, end: number): boolean {
  // `curl/8.2.5.6`, `Chrome/120.0.0.0`: product tokens of user agents.
  if (text.charAt(start - 1) === '/' && /\w/.test(text.charAt(start - 2))) return true;
  return (
    hasContextBefore(text, start, VERSION_WORD, 32) ||
    hasContextBefore(text, start, VERSION_MOVE, 64) ||
    hasContextAfter(text, end, VERSION_AFTER, 40) ||
    isSecondVersion(text, start)
  );
}

function isSecondVersion(text: string, start: number): boolean {
  const between = VERSION_SIBLING.exec(lineBefore(text, start, 80))?.[1];
  return between !== undefined && !ADDRESS_WORDS.test(between);
}

/**
 * IPv6 candidates are grown outwards from each colon over hex digits, colons and dots (for
 * `::ffff:192.0.2.1`); colons are rare in prose, so this touches little of the text, and each
 * character is visited at most twice.
 */
function ipv6(text: string): Finding[] {
  const findings: Finding[] = [];
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let start = colon;
    while (start > 0 && isIpv6Char(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && isIpv6Char(text.charCodeAt(end))) end++;
    const found = ipv6At(text, start, end);
    if (found !== undefined) findings.push(found);
    colon = text.indexOf(':', end);
  }
  return findings;
}

function ipv6At(text: string, start: number, runEnd: number): Finding | undefined {
  // Leading dots belong to the sentence before; a word character glued on means an identifier.
  while (text.charAt(start) === '.') start++;
  if (/\w/.test(text.charAt(start - 1))) return undefined;
  let candidate = text.slice(start, runEnd);
  // A sentence may end right after the address; a single trailing colon is punctuation too.
  while (candidate.endsWith('.')) candidate = candidate.slice(0, -1);
  if (candidate.endsWith(':') && !candidate.endsWith('::')) candidate = candidate.slice(0, -1);
  const end = start + candidate.length;
  if (/\w/.test(text.charAt(end)) || !looksLikeAddress(candidate) || !isIPv6(candidate)) {
    return undefined;
  }
  return { kind: 'ip_address', start, end, score: 0.9, reason: 'IPv6 address' };
}

function isIpv6Char(code: number): boolean {
  return (
    (code >= 48 && code <= 58) || // 0-9 and ':'
    code === 46 ||
    (code >= 65 && code <= 70) ||
    (code >= 97 && code <= 102)
  );
}

/**
 * `a::b`, `::` and `dead::beef` are valid IPv6 but are C++/Rust paths or ASCII art in prose;
 * an address worth flagging has two colons and at least four hex digits.
 */
function looksLikeAddress(candidate: string): boolean {
  let colons = 0;
  let hexDigits = 0;
  for (const char of candidate) {
    if (char === ':') colons++;
    else if (char !== '.') hexDigits++;
  }
  return colons >= 2 && hexDigits >= 4;
}
