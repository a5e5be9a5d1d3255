/** A half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapsAny(span: Span, others: readonly Span[]): boolean {
  return others.some((other) => overlaps(span, other));
}

/**
 * Replaces each span with what `replacement` returns for it; spans may come unsorted and
 * overlapping (the earlier-starting, then longer, one wins).
 */
export function replaceSpans<T extends Span>(
  text: string,
  spans: readonly T[],
  replacement: (span: T) => string,
): string {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let result = '';
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + replacement(span);
    cursor = span.end;
  }
  return result + text.slice(cursor);
}
