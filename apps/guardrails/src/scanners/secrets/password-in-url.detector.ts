import type { Finding } from '../finding';

/**
 * `scheme://user:password@host` (the user may be empty: `redis://:password@host`). Passwords
 * are pasted unencoded, `#` and `?` included. Every part is bounded, so a failing attempt
 * costs a constant; the host must start right after the `@`.
 */
const URL_WITH_PASSWORD =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:@/?#]{0,128}:([^\s@/]{1,128})@(?=[\w[])/g;

/** What documentation writes where the password goes. */
const PLACEHOLDER =
  /^(?:password|passwd|pass|pwd|pw|secret|changeme|your[_-]?password|mypassword|\*+|x+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_]+|%s|\[[^\]]*\])$/i;

/**
 * Credentials embedded in URLs (database URLs, git remotes, proxies). The finding covers the
 * password only, so a redacted URL still says which user and host it was about.
 */
export function detectPasswordsInUrls(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(URL_WITH_PASSWORD)) {
    const password = match[1];
    if (PLACEHOLDER.test(password)) continue;
    const end = match.index + match[0].length - 1;
    findings.push({
      kind: 'password_in_url',
      start: end - password.length,
      end,
      score: 0.92,
      reason: 'password embedded in a URL (user:password@host)',
    });
  }
  return findings;
}
