import type { Finding } from '../finding';
import { hasContextBefore } from '../pii/context-window';
import { isPlaceholderValue } from './placeholder-value';

/** Exactly 40 characters of the base64 alphabet, not part of a longer run. */
const CANDIDATE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/**
 * `aws_secret_access_key =`, `AWS_SECRET_ACCESS_KEY:`, `"SecretAccessKey": "`, `aws ... key`,
 * with at most a few characters between the label and the value.
 */
const AWS_CONTEXT = /(?:aws|secret[_ -]?access[_ -]?key)[^\n]{0,24}$/i;

/**
 * AWS secret access keys. Forty base64 characters are everywhere (git SHAs, hashes), so they
 * count only next to an AWS label and only with both upper and lower case, which random keys
 * have and hex digests lack.
 */
export function detectAwsSecretKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const value = match[0];
    if (!/[A-Z]/.test(value) || !/[a-z]/.test(value)) continue;
    if (isPlaceholderValue(value) || !hasContextBefore(text, match.index, AWS_CONTEXT, 80))
      continue;
    findings.push({
      kind: 'aws_secret_access_key',
      start: match.index,
      end: match.index + value.length,
      score: 0.9,
      reason: 'AWS secret access key (40 base64 characters next to an AWS/secret label)',
    });
  }
  return findings;
}
