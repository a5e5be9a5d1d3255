import {
  ContentFilteredError,
  type GuardrailBlock,
  type GuardrailEventFinding,
  type GuardrailFinding,
} from '@conduit/contracts';

/**
 * What the guardrails did during one request, kept for its usage event: each (scanner, kind,
 * action) once, however often it was found.
 */
export class GuardrailFindings {
  private readonly seen = new Map<string, GuardrailEventFinding>();

  add(findings: readonly GuardrailFinding[]): void {
    for (const { scanner, kind, action } of findings) {
      this.seen.set(`${scanner}\0${kind}\0${action}`, { scanner, kind, action });
    }
  }

  list(): GuardrailEventFinding[] {
    return [...this.seen.values()];
  }

  /** `pii:redacted,invisible_text:redacted`: for the `x-conduit-guardrails` header. */
  summary(): string {
    const pairs = new Set(this.list().map(({ scanner, action }) => `${scanner}:${action}`));
    return [...pairs].join(',');
  }
}

/** The caller's error for a blocked request or answer: names the scanner and why, never the value. */
export function contentFiltered(
  block: GuardrailBlock,
  where: 'request' | 'answer',
): ContentFilteredError {
  return new ContentFilteredError(
    `The ${where} was blocked by the ${block.scanner} guardrail (${block.reason}).`,
    { code: 'content_filtered' },
  );
}
