import { createHash, randomBytes } from 'node:crypto';

/** Every virtual key starts with this, so leaked keys are recognisable (and scannable). */
export const VIRTUAL_KEY_PREFIX = 'sk-cnd-';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 40;
/** Characters of the secret kept in clear for listings: the prefix and five more. */
const DISPLAY_PREFIX_LENGTH = VIRTUAL_KEY_PREFIX.length + 5;

export interface NewVirtualKey {
  secret: string;
  secretHash: string;
  displayPrefix: string;
}

/**
 * A new key: 40 base62 characters (≈238 bits) from the CSPRNG. Such a secret needs no slow
 * password hash; SHA-256 is what the ledger stores and looks keys up by.
 */
export function generateVirtualKey(): NewVirtualKey {
  const bytes = randomBytes(SECRET_LENGTH * 2);
  let body = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  for (const byte of bytes) {
    if (byte >= 248) continue;
    body += ALPHABET[byte % ALPHABET.length];
    if (body.length === SECRET_LENGTH) break;
  }
  if (body.length < SECRET_LENGTH) return generateVirtualKey();
  const secret = VIRTUAL_KEY_PREFIX + body;
  return {
    secret,
    secretHash: hashSecret(secret),
    displayPrefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
  };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
