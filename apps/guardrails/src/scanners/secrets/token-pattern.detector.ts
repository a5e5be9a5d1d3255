import type { Finding } from '../finding';
import { isPlaceholderValue } from './placeholder-value';
import { TOKEN_PATTERNS } from './token-patterns';

/** Secrets with an issuer prefix (OpenAI, Anthropic, AWS, GitHub, Slack, Stripe, ...). */
export function detectTokenPatterns(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const token of TOKEN_PATTERNS) {
    for (const match of text.matchAll(token.pattern)) {
      const value = match[0];
      if (token.accept !== undefined && !token.accept(value)) continue;
      if (isPlaceholderValue(value.slice(token.prefixLength(value)))) continue;
      findings.push({
        kind: token.kind,
        start: match.index,
        end: match.index + value.length,
        score: token.score,
        reason: token.reason,
      });
    }
  }
  return findings;
}
