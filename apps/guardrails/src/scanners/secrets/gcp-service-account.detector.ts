import type { Finding } from '../finding';

const TYPE = /"type"\s*:\s*"service_account"/g;
/** Service account files are ~2.3 KB; the limits only bound the work on hostile input. */
const MAX_LOOK_BACK = 4 * 1024;
const MAX_OBJECT = 16 * 1024;

/**
 * Google Cloud service account key files: a JSON object with `"type": "service_account"` and a
 * `private_key`. The whole object is the finding (client email, key id and key belong
 * together); a truncated paste runs to the end of what was pasted.
 */
export function detectGcpServiceAccounts(text: string): Finding[] {
  const findings: Finding[] = [];
  let coveredUntil = 0;
  for (const match of text.matchAll(TYPE)) {
    if (match.index < coveredUntil) continue;
    const windowStart = Math.max(coveredUntil, match.index - MAX_LOOK_BACK);
    const braceAt = text.slice(windowStart, match.index).lastIndexOf('{');
    if (braceAt === -1) continue;
    const open = windowStart + braceAt;
    const end = objectEnd(text, open);
    if (!text.slice(open, end).includes('"private_key"')) continue;
    findings.push({
      kind: 'gcp_service_account',
      start: open,
      end,
      score: 0.99,
      reason: 'Google Cloud service account key (JSON with type service_account and private_key)',
    });
    coveredUntil = end;
  }
  return findings;
}

/** The offset after the brace closing the object at `open`, string-aware; else the text's end. */
function objectEnd(text: string, open: number): number {
  const limit = Math.min(text.length, open + MAX_OBJECT);
  let depth = 0;
  let inString = false;
  for (let i = open; i < limit; i++) {
    const char = text.charAt(i);
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return limit;
}
