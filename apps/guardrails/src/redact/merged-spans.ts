import type { Finding } from '../scanners/finding';

export interface KindSpan {
  kind: string;
  start: number;
  end: number;
}

/**
 * Findings as disjoint spans, sorted: overlapping ones become their union (redacting only one
 * of two overlapping values would leave the other's tail readable), labelled with the kind of
 * their longest member.
 */
export function mergedSpans(findings: readonly Finding[]): KindSpan[] {
  const sorted = [...findings]
    .filter((finding) => finding.end > finding.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: KindSpan[] = [];
  let longest = 0;
  for (const finding of sorted) {
    const last = merged.at(-1);
    const length = finding.end - finding.start;
    if (last !== undefined && finding.start < last.end) {
      if (length > longest) {
        longest = length;
        last.kind = finding.kind;
      }
      last.end = Math.max(last.end, finding.end);
    } else {
      merged.push({ kind: finding.kind, start: finding.start, end: finding.end });
      longest = length;
    }
  }
  return merged;
}
