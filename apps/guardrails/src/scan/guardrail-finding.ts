import type {
  GuardrailAction,
  GuardrailBlock,
  GuardrailFinding,
  GuardrailMode,
  GuardrailScanner,
} from '@conduit/contracts';
import type { Finding } from '../scanners/finding';

/** What a scanner's mode does to what it found. */
export function actionOf(mode: GuardrailMode): GuardrailAction {
  if (mode === 'block') return 'blocked';
  if (mode === 'redact') return 'redacted';
  return 'flagged';
}

export function toGuardrailFinding(
  scanner: GuardrailScanner,
  finding: Finding,
  mode: GuardrailMode,
  message: number | null,
): GuardrailFinding {
  return {
    scanner,
    kind: finding.kind,
    action: actionOf(mode),
    reason: finding.reason,
    score: Math.min(1, Math.max(0, finding.score)),
    message,
    start: finding.start,
    end: finding.end,
  };
}

/** The first blocking finding, as the caller is told it (the reason never holds the value). */
export function firstBlock(findings: readonly GuardrailFinding[]): GuardrailBlock | null {
  const blocking = findings.find((finding) => finding.action === 'blocked');
  return blocking
    ? { scanner: blocking.scanner, reason: `${blocking.kind}: ${blocking.reason}` }
    : null;
}
