/** One placeholder handed out: what it stands for, so a response can be restored. */
export interface Replacement {
  placeholder: string;
  original: string;
  kind: string;
}

interface Span {
  kind: string;
  start: number;
  end: number;
}

/**
 * One per request: the same value gets the same placeholder across all messages of the
 * request, so the model sees `<EMAIL_1>` consistently and its answer can be restored.
 */
export class Redactor {
  private readonly byOriginal = new Map<string, Replacement>();
  private readonly counters = new Map<string, number>();
  private readonly handedOut: Replacement[] = [];

  /**
   * Replaces each finding's span in `text` with `<KIND_N>` (kind upper-cased, N counting per
   * kind from 1). Findings may be unsorted and overlapping: overlapping spans are merged and
   * replaced as one, because redacting only one of them would leak the rest of the other.
   */
  redact(text: string, findings: readonly Span[]): string {
    let result = '';
    let cursor = 0;
    for (const span of mergeOverlapping(text, findings)) {
      const original = text.slice(span.start, span.end);
      result += text.slice(cursor, span.start) + this.placeholderFor(original, span.kind, text);
      cursor = span.end;
    }
    return result + text.slice(cursor);
  }

  /** Every placeholder handed out so far, in order. */
  get replacements(): readonly Replacement[] {
    return this.handedOut;
  }

  private placeholderFor(original: string, kind: string, text: string): string {
    const known = this.byOriginal.get(original);
    if (known !== undefined) return known.placeholder;
    const label = kind.toUpperCase().replace(/[^A-Z0-9]+/g, '_') || 'REDACTED';
    let counter = this.counters.get(label) ?? 0;
    let placeholder: string;
    // A user who literally wrote `<EMAIL_1>` must not have it "restored" into someone's value.
    do {
      counter++;
      placeholder = `<${label}_${counter}>`;
    } while (text.includes(placeholder));
    this.counters.set(label, counter);
    const replacement = { placeholder, original, kind };
    this.byOriginal.set(original, replacement);
    this.handedOut.push(replacement);
    return placeholder;
  }
}

/**
 * Sorted, clamped, and with overlapping spans merged into their union; the union keeps the
 * kind of its longest member (the earliest on a tie), which is the most telling label.
 */
function mergeOverlapping(text: string, findings: readonly Span[]): Span[] {
  const spans = findings
    .map((finding) => ({
      kind: finding.kind,
      start: Math.max(0, Math.min(text.length, finding.start)),
      end: Math.max(0, Math.min(text.length, finding.end)),
    }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  let longest = 0;
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start < last.end) {
      if (span.end - span.start > longest) {
        longest = span.end - span.start;
        last.kind = span.kind;
      }
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
      longest = span.end - span.start;
    }
  }
  return merged;
}
