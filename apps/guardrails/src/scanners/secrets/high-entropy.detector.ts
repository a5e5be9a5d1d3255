import type { Finding } from '../finding';
import { lineBefore } from '../pii/context-window';
import { isPlaceholderValue } from './placeholder-value';
import { shannonEntropy } from './shannon-entropy';

/** Base64 / base64url runs of 20+ characters (padding allowed only at the end). */
const CANDIDATE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}/g;

/**
 * Labels that precede a credential in code, config and prose (EN/DE/FR/ES), at most a few
 * characters before it (`API_KEY="`, `token: `, `Bearer `, `password is `): a label further
 * away is usually about something else on the line.
 */
const SECRET_LABEL =
  /(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|passwort|kennwort|mot de passe|contraseña|pwd|auth|credential|bearer|basic|private[_-]?key|access[_-]?key|\bkey\b|session|cookie)[^\n]{0,24}$/i;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Subresource-integrity / npm lockfile hashes: `sha512-<base64>`. */
const INTEGRITY = /^sha(?:1|256|384|512)-/;
/** Armored blocks that are public by design; their base64 lines are not secrets. */
const PUBLIC_BLOCK =
  /-----BEGIN ((?:[A-Z0-9]+ ){0,3}(?:PUBLIC KEY(?: BLOCK)?|CERTIFICATE(?: REQUEST)?|SIGNATURE|MESSAGE))-----/g;
const MAX_BLOCK = 64 * 1024;
/** OpenSSH public keys: `ssh-ed25519 AAAAC3Nza... user@host`. */
const SSH_PUBLIC_KEY_TYPE =
  /(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+$/;
/** Longer unlabelled runs are data (base64 images, file contents), not credentials. */
const MAX_UNLABELLED = 256;
const MIN_UNLABELLED = 32;

/**
 * Generic secrets: long random-looking strings the issuer-specific patterns do not know.
 *
 * Decisions: next to a label (`api_key=`, `token:`, `Bearer`) a string of 20+ characters
 * with two character classes and entropy >= 3.5 bits/char counts; without a label only
 * strings of 32-256 characters with all three classes and near-maximal entropy do. Never
 * flagged: UUIDs (identifiers), hex digests without a label (git SHAs, checksums), base64
 * that decodes to readable text unless labelled (encoded prose, `Basic` auth is labelled),
 * base64 data URLs, paths and identifiers (`snake_case`, `camelCase`, `/usr/local/...`), and
 * public material: certificates, public keys, SSH public keys, `sha512-` integrity hashes.
 */
export function detectHighEntropyTokens(text: string): Finding[] {
  const findings: Finding[] = [];
  const publicBlocks = findPublicBlocks(text);
  let block = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const value = match[0];
    const start = match.index;
    while (block < publicBlocks.length && publicBlocks[block].end <= start) block++;
    if (block < publicBlocks.length && publicBlocks[block].start <= start) continue;
    if (UUID.test(value) || INTEGRITY.test(value) || isPathOrUrlPart(text, start, value)) continue;
    if (SSH_PUBLIC_KEY_TYPE.test(lineBefore(text, start, 48))) continue;
    const labelled = SECRET_LABEL.test(lineBefore(text, start, 64));
    const score = labelled ? labelledScore(value) : unlabelledScore(value, text, start);
    if (score === undefined || isPlaceholderValue(value)) continue;
    findings.push({
      kind: 'high_entropy_token',
      start,
      end: start + value.length,
      score,
      reason: labelled
        ? `high-entropy string (${value.length} characters) next to a secret label`
        : `very high-entropy string (${value.length} characters)`,
    });
  }
  return findings;
}

function findPublicBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  for (const match of text.matchAll(PUBLIC_BLOCK)) {
    const bodyStart = match.index + match[0].length;
    const endMarker = `-----END ${match[1]}-----`;
    const endAt = text.slice(bodyStart, bodyStart + MAX_BLOCK).indexOf(endMarker);
    const end = endAt === -1 ? Math.min(text.length, bodyStart + MAX_BLOCK) : bodyStart + endAt;
    if (blocks.length === 0 || match.index >= blocks[blocks.length - 1].end) {
      blocks.push({ start: match.index, end });
    }
  }
  return blocks;
}

function labelledScore(value: string): number | undefined {
  const classes = characterClasses(value);
  if (/^[0-9a-f]+$/i.test(value)) {
    // Hex keys are common (webhook secrets, HMAC keys) but only believable at key sizes.
    return value.length >= 32 && shannonEntropy(value) >= 3 ? 0.7 : undefined;
  }
  if (classes < 2 || shannonEntropy(value) < 3.5) return undefined;
  if (looksLikeWords(value)) return undefined;
  return 0.75;
}

function unlabelledScore(value: string, text: string, start: number): number | undefined {
  if (value.length < MIN_UNLABELLED || value.length > MAX_UNLABELLED) return undefined;
  if (characterClasses(value) < 3 || looksLikeWords(value)) return undefined;
  if (/base64,$/i.test(text.slice(Math.max(0, start - 8), start))) return undefined;
  const threshold = Math.min(4.5, 0.82 * Math.log2(value.length));
  if (shannonEntropy(value) < threshold || decodesToText(value)) return undefined;
  return 0.6;
}

function characterClasses(value: string): number {
  return (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/\d/.test(value) ? 1 : 0);
}

/**
 * Identifiers and slugs (`getApiKeyFromEnvironment`, `handle_incoming_webhook_v2`) are made of
 * words: most letters sit in pronounceable runs like `Api` or `webhook`, four letters long on
 * average. Random strings switch case too often for that; about 1 % of random 20-character
 * strings (0.1 % at 40) pass as words, an accepted miss.
 */
function looksLikeWords(value: string): boolean {
  // Identifiers carry at most one number (`v2`, `2023`); random strings scatter digits around.
  if ((value.match(/\d+/g)?.length ?? 0) >= 2) return false;
  let letters = 0;
  let inWords = 0;
  let words = 0;
  for (const token of value.match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]/g) ?? []) {
    letters += token.length;
    if (token.length >= 3 && /[aeiouy]/i.test(token)) {
      inWords += token.length;
      words++;
    }
  }
  return letters > 0 && inWords / letters >= 0.75 && inWords / words >= 4;
}

/** `/usr/local/bin/...`, `example.com/Some/Path`, `C:\\dir\\...`: locations, not secrets. */
function isPathOrUrlPart(text: string, start: number, value: string): boolean {
  const before = text.charAt(start - 1);
  if (before === '.' || before === '/' || before === '\\' || before === '@') return true;
  const segments = value.split('/').filter((segment) => segment !== '');
  if (segments.length < 3) return false;
  // Path segments are lower-case names or words; base64 that happens to contain `/` is neither.
  const named = segments.filter(
    (segment) => /^[a-z0-9._-]+$/.test(segment) || looksLikeWords(segment),
  );
  return named.length >= 0.6 * segments.length;
}

/** Base64 of ordinary text (`SGVsbG8gd29ybGQ=`): encoded data, not a credential. */
function decodesToText(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64');
  let printable = 0;
  for (const byte of decoded) {
    if ((byte >= 32 && byte < 127) || byte === 9 || byte === 10 || byte === 13) printable++;
  }
  return printable / decoded.length >= 0.95;
}
