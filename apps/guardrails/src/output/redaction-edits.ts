import type { OutputEdit } from '@conduit/contracts';
import type { Span } from '../scan/spans';
import type { JsonLayout } from './json-text.lexer';

export interface RedactionTarget extends Span {
  kind: string;
}

/** What a value found in an answer becomes (never a numbered placeholder: see OutputScanService). */
export function redactedLabel(kind: string): string {
  return `[REDACTED_${kind.toUpperCase()}]`;
}

/**
 * The edits that redact `targets` in `text`. In plain text each target becomes its label. In
 * JSON (`layout` given) only what lies inside a string is replaced, by the label, so the quotes,
 * keys and structure around it stay and the answer stays valid JSON; a value outside any string
 * (a card number written as a number) is replaced whole by the label as a JSON string. Edits
 * that overlap are merged into one, so no part of either value survives.
 */
export function redactionEdits(
  text: string,
  targets: readonly RedactionTarget[],
  layout: JsonLayout | null,
): OutputEdit[] {
  const pieces: OutputEdit[] = [];
  // Targets in order, so the regions are walked once (a megabyte of findings stays linear).
  const ordered = [...targets].sort((a, b) => a.start - b.start);
  const regions = layout?.regions ?? [];
  let first = 0;
  for (const target of ordered) {
    const label = redactedLabel(target.kind);
    if (!layout) {
      pieces.push({ start: target.start, end: target.end, text: label });
      continue;
    }
    while (first < regions.length && regions[first].end <= target.start) first++;
    for (let i = first; i < regions.length && regions[i].start < target.end; i++) {
      const region = regions[i];
      if (region.end <= target.start) continue;
      if (region.kind === 'literal') {
        pieces.push({ start: region.start, end: region.end, text: JSON.stringify(label) });
      } else {
        const start = Math.max(region.start, target.start);
        const end = Math.min(region.end, target.end);
        if (end > start) pieces.push({ start, end, text: label });
      }
    }
  }
  return mergeOverlapping(
    pieces.map((piece) => ({
      ...piece,
      start: Math.max(0, Math.min(text.length, piece.start)),
      end: Math.max(0, Math.min(text.length, piece.end)),
    })),
  );
}

/** Sorted; overlapping edits become their union, with the text of the first. */
export function mergeOverlapping(edits: readonly OutputEdit[]): OutputEdit[] {
  const sorted = edits
    .filter((edit) => edit.end > edit.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: OutputEdit[] = [];
  for (const edit of sorted) {
    const last = merged.at(-1);
    if (last && edit.start < last.end) last.end = Math.max(last.end, edit.end);
    else merged.push({ ...edit });
  }
  return merged;
}

/** `text` with sorted, non-overlapping `edits` applied. */
export function applyEdits(text: string, edits: readonly OutputEdit[]): string {
  let result = '';
  let cursor = 0;
  for (const edit of edits) {
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}
