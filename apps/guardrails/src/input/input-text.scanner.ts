import type {
  GuardrailFinding,
  GuardrailMode,
  GuardrailScanner,
  ResolvedGuardrailPolicy,
} from '@conduit/contracts';
import type { Redactor } from '../redaction/redactor';
import { toGuardrailFinding } from '../scan/guardrail-finding';
import { appendAll } from '../scan/append-all';
import { overlapsAny } from '../scan/spans';
import type { Finding } from '../scanners/finding';
import { detectInjection } from '../scanners/injection/injection.detector';
import { findInvisibleText, stripInvisibleText } from '../scanners/invisible/invisible-text';
import { detectPii } from '../scanners/pii/pii.detector';
import { detectSecrets } from '../scanners/secrets/secrets.detector';
import { maskExcerpts } from './masked-excerpts';

export interface ScannedText {
  /** The text to send on: invisible characters stripped and values redacted per the policy. */
  text: string;
  findings: GuardrailFinding[];
  /** The injection rules' score for this text (0 when the scanner is off). */
  injectionScore: number;
}

/**
 * Scans one piece of prompt text. Invisible characters go first, so a value or an attack
 * spelled with zero-width characters in between is seen as it reads; offsets of the later
 * findings point into the text after that strip. Secrets win over PII where both match
 * (an API key's digits are not a phone number).
 */
export function scanInputText(
  original: string,
  policy: ResolvedGuardrailPolicy,
  redactor: Redactor,
  message: number | null,
): ScannedText {
  const findings: GuardrailFinding[] = [];
  let text = original;
  let injectionScore = 0;

  if (policy.invisible_text !== 'off') {
    const invisible = findInvisibleText(text);
    appendAll(findings, tagged('invisible_text', invisible, policy.invisible_text, message));
    if (invisible.length > 0 && policy.invisible_text === 'redact') text = stripInvisibleText(text);
  }

  if (policy.prompt_injection !== 'off') {
    const verdict = detectInjection(text, { threshold: policy.injection_threshold });
    injectionScore = verdict.score;
    if (verdict.detected) {
      findings.push(
        ...tagged(
          'prompt_injection',
          maskExcerpts(verdict.findings, text, policy.pii_phone_regions),
          policy.prompt_injection,
          message,
        ),
      );
    }
  }

  const toRedact: Finding[] = [];
  const secrets = policy.secrets === 'off' ? [] : detectSecrets(text);
  appendAll(findings, tagged('secrets', secrets, policy.secrets, message));
  if (policy.secrets === 'redact') appendAll(toRedact, secrets);

  if (policy.pii !== 'off') {
    const pii = detectPii(text, { phoneRegions: policy.pii_phone_regions }).filter(
      (finding) => !overlapsAny(finding, secrets),
    );
    appendAll(findings, tagged('pii', pii, policy.pii, message));
    if (policy.pii === 'redact') appendAll(toRedact, pii);
  }

  if (toRedact.length > 0) text = redactor.redact(text, toRedact);
  return { text, findings, injectionScore };
}

function tagged(
  scanner: GuardrailScanner,
  found: readonly Finding[],
  mode: GuardrailMode,
  message: number | null,
): GuardrailFinding[] {
  return found.map((finding) => toGuardrailFinding(scanner, finding, mode, message));
}
