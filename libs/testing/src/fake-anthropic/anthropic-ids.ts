import { randomBytes } from 'node:crypto';

// Anthropic's ids are base58-looking: no 0, O, I or l after their fixed prefix.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** `req_011C` + 20 characters, like `req_011CaDvrymxizFC1oij4M9EK`. */
export function newRequestId(): string {
  return `req_011C${base58(20)}`;
}

/** `msg_01` + 22 characters, like `msg_01XFDUDYJgAACzvnptvVoYEL`. */
export function newMessageId(): string {
  return `msg_01${base58(22)}`;
}

/** `toolu_01` + 22 characters, like `toolu_01A09q90qw90lq917835lq9`. */
export function newToolUseId(): string {
  return `toolu_01${base58(22)}`;
}

/** Stable per process, as an account's organization id is stable across requests. */
export const ORGANIZATION_ID = '2f6e4a1c-8b3d-4e5f-9a7b-0c1d2e3f4a5b';
