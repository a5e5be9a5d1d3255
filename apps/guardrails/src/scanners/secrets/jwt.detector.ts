import type { Finding } from '../finding';

/**
 * Three base64url segments; a JSON header starts `{"` or `{ "`, which encodes to `ey`. The
 * look-behind anchors each attempt at the start of a token, keeping the scan linear.
 */
const JWT = /(?<![\w-])ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/** JSON Web Tokens (and JWS compact serialisations): the header must decode to JSON with `alg`. */
export function detectJwts(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(JWT)) {
    const alg = algorithmOf(match[0].slice(0, match[0].indexOf('.')));
    if (alg === undefined) continue;
    findings.push({
      kind: 'jwt',
      start: match.index,
      end: match.index + match[0].length,
      score: 0.95,
      reason: `JSON Web Token (alg ${alg.replace(/[^\w-]/g, '').slice(0, 16)})`,
    });
  }
  return findings;
}

function algorithmOf(header: string): string | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    if (typeof decoded !== 'object' || decoded === null || !('alg' in decoded)) return undefined;
    return typeof decoded.alg === 'string' ? decoded.alg : undefined;
  } catch {
    return undefined;
  }
}
