import type { Finding } from '../finding';
import { resolveOverlaps } from '../pii/resolve-overlaps';
import { detectAwsSecretKeys } from './aws-secret-key.detector';
import { detectGcpServiceAccounts } from './gcp-service-account.detector';
import { detectHighEntropyTokens } from './high-entropy.detector';
import { detectJwts } from './jwt.detector';
import { detectPasswordsInUrls } from './password-in-url.detector';
import { detectPrivateKeys } from './private-key.detector';
import { detectTokenPatterns } from './token-pattern.detector';

/**
 * Credentials in `text`, sorted by start and non-overlapping. Issuer-specific kinds score
 * 0.9-0.99 and the generic `high_entropy_token` at most 0.75, so a recognised key is always
 * reported under its own kind; a service account file or a key block wins over the pieces
 * inside it by covering them.
 */
export function detectSecrets(text: string): Finding[] {
  if (text.length === 0) return [];
  return resolveOverlaps([
    ...detectTokenPatterns(text),
    ...detectPrivateKeys(text),
    ...detectGcpServiceAccounts(text),
    ...detectJwts(text),
    ...detectAwsSecretKeys(text),
    ...detectPasswordsInUrls(text),
    ...detectHighEntropyTokens(text),
  ]);
}
