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

  /** Findings kept from an earlier request (a cached screening of the same answer). */
  addEvents(findings: readonly GuardrailEventFinding[]): void {
    for (const finding of findings) {
      this.seen.set(`${finding.scanner}\0${finding.kind}\0${finding.action}`, finding);
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

/**
 * The caller's error for a blocked request or answer: names the scanner and why, never the
 * value. The guardrails service words block reasons that way (`instruction_override in
 * English`); whatever a reason quotes (scanners put matched words in double quotes, as an older
 * guardrails replica still does in a rolling upgrade) is cut off here, at the edge, so it never
 * reaches a client, its logs or its users.
 */
export function contentFiltered(
  block: GuardrailBlock,
  where: 'request' | 'answer',
): ContentFilteredError {
  const reason = unquoted(block.reason);
  return new ContentFilteredError(
    `The ${where} was blocked by the ${block.scanner} guardrail${reason ? ` (${reason})` : ''}.`,
    { code: 'content_filtered' },
  );
}

/** The reason up to its first quotation, without the punctuation that led into it. */
function unquoted(reason: string): string {
  return reason
    .split(/["“”«»]/, 1)[0]
    .replace(/[\s:,;(-]+$/, '')
    .trim();
}
