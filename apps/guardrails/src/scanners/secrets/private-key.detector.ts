import type { Finding } from '../finding';

/** RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP ("... PRIVATE KEY BLOCK") and plain PKCS#8 headers. */
const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----/g;
/** How far to look for the END line; real keys are a few KB. */
const MAX_KEY_LENGTH = 64 * 1024;
/** A line of key material, or an armor header such as `Proc-Type: 4,ENCRYPTED`. */
const BODY_LINE = /^(?:[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: [^\n\\]*|=[A-Za-z0-9+/]{4})$/;

/**
 * PEM / OpenSSH / PGP private key blocks, from BEGIN to END. A key pasted truncated (no END
 * line) is still a leaked key: then the block runs as far as lines of key material do, with
 * either real newlines or the `\n` escapes of a JSON string.
 */
export function detectPrivateKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(BEGIN)) {
    const start = match.index;
    const label = `${match[1]}PRIVATE KEY${match[2] ?? ''}`;
    const bodyStart = start + match[0].length;
    const endMarker = `-----END ${label}-----`;
    const endAt = text.slice(bodyStart, bodyStart + MAX_KEY_LENGTH).indexOf(endMarker);
    const end = endAt === -1 ? truncatedEnd(text, bodyStart) : bodyStart + endAt + endMarker.length;
    const type = match[1].trim() || 'PKCS#8';
    findings.push({
      kind: 'private_key',
      start,
      end,
      score: 0.99,
      reason: `${type} private key block${endAt === -1 ? ' (truncated)' : ''}`,
    });
  }
  return findings;
}

function truncatedEnd(text: string, bodyStart: number): number {
  let end = bodyStart;
  let cursor = bodyStart;
  const limit = Math.min(text.length, bodyStart + MAX_KEY_LENGTH);
  while (cursor < limit) {
    const breakLength = lineBreakAt(text, cursor);
    if (breakLength === 0) break;
    cursor += breakLength;
    const lineEnd = nextLineBreak(text, cursor, limit);
    const line = text.slice(cursor, lineEnd).trimEnd();
    if (line === '' || !BODY_LINE.test(line)) break;
    end = cursor + line.length;
    cursor = lineEnd;
  }
  return end;
}

function lineBreakAt(text: string, at: number): number {
  if (text.startsWith('\r\n', at)) return 2;
  if (text.charAt(at) === '\n') return 1;
  if (text.startsWith('\\n', at)) return 2;
  return 0;
}

function nextLineBreak(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const char = text.charAt(i);
    if (char === '\n' || char === '\r' || (char === '\\' && text.charAt(i + 1) === 'n')) return i;
  }
  return limit;
}
