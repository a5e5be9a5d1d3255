import type { GuardrailBlock, GuardrailFinding } from '@conduit/contracts';
import { LANGUAGE_NAMES } from '../scanners/injection/injection-pattern';

/** `… in German`: a language the injection rules name in their reasons ("any language" says nothing). */
const NAMED_LANGUAGE = new RegExp(
  ` in (${Object.values(LANGUAGE_NAMES)
    .filter((name) => name !== 'any language')
    .join('|')})\\b`,
);

/**
 * The first blocking finding as the caller is told it: the scanner, what was found and, for a
 * prompt injection, in which language — never the finding's reason, which for an injection
 * quotes the matched words (useful in spans and `/v1/guardrails/check`, not in an error that a
 * client may log or show to its own users).
 */
export function callerBlock(findings: readonly GuardrailFinding[]): GuardrailBlock | null {
  const blocking = findings.find((finding) => finding.action === 'blocked');
  if (!blocking) return null;
  const language = blocking.scanner === 'prompt_injection' ? languageOf(blocking.reason) : null;
  return {
    scanner: blocking.scanner,
    reason: language ? `${blocking.kind} in ${language}` : blocking.kind,
  };
}

/** The language named before any quoted excerpt, so words inside the excerpt never count. */
function languageOf(reason: string): string | null {
  const beforeExcerpt = reason.split('"', 1)[0];
  return NAMED_LANGUAGE.exec(beforeExcerpt)?.[1] ?? null;
}
