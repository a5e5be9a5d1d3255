import { AUDIT_SUMMARY_MAX_BYTES } from '@conduit/contracts';

/** Fields whose value is a secret whatever it looks like. */
const SECRET_FIELD = /^(key|secret|secret_?hash|api_?key|password|token|authorization)$/i;
/**
 * A virtual key (`sk-cnd-` + 40) or any `sk-…` secret; the display prefix (`sk-cnd-` + 5
 * characters), shown in every key listing, is shorter and stays readable.
 */
const KEY_LIKE = /sk-[A-Za-z0-9_-]{12,}/g;
/** A SHA-256 in hex: what the ledger stores of a key. */
const HASH_LIKE = /\b[0-9a-fA-F]{64}\b/g;
const REDACTED = '[REDACTED]';
const MAX_STRING = 200;
const MAX_ITEMS = 50;
const MAX_DEPTH = 5;

/**
 * The summary an audit entry stores: secrets removed (secret-named fields, key-like and
 * hash-like strings, the given `secrets` verbatim), strings cut to 200 characters, arrays to
 * 50 items, nesting to 5 levels, and the whole within AUDIT_SUMMARY_MAX_BYTES — past that,
 * only its field names are kept.
 */
export function sanitizeSummary(
  summary: Record<string, unknown>,
  secrets: readonly string[] = [],
): Record<string, unknown> {
  const clean = sanitize(summary, secrets, 0) as Record<string, unknown>;
  if (Buffer.byteLength(JSON.stringify(clean)) <= AUDIT_SUMMARY_MAX_BYTES) return clean;
  return { truncated: true, fields: Object.keys(clean).slice(0, MAX_ITEMS) };
}

function sanitize(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return sanitizeString(value, secrets);
  // undefined, bigint, symbol, function: nothing JSON would keep as is.
  if (typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : null;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    return value.slice(0, MAX_ITEMS).map((item) => sanitize(item, secrets, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
    const name = field.slice(0, MAX_STRING);
    out[name] = SECRET_FIELD.test(field) ? REDACTED : sanitize(item, secrets, depth + 1);
  }
  return out;
}

function sanitizeString(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= 8) clean = clean.split(secret).join(REDACTED);
  }
  clean = clean.replace(KEY_LIKE, REDACTED).replace(HASH_LIKE, REDACTED);
  return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}…` : clean;
}
