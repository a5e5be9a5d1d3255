import type { OutputEdit, Placeholder } from '@conduit/contracts';
import { stringAround, type JsonLayout } from '../output/json-text.lexer';
import type { Span } from '../scan/spans';

/** What a placeholder looks like; matched whole, so `<EMAIL_1>` never eats `<EMAIL_12>`. */
const PLACEHOLDER = /<[A-Z0-9_]+>/g;

/**
 * The edits that put the caller's values back where the answer repeats their placeholders
 * (`restore`), except inside what is being redacted. Inside a JSON string the value is escaped
 * as a JSON string's contents, so a quote or backslash in it cannot break the answer.
 */
export function placeholderEdits(
  text: string,
  placeholders: readonly Placeholder[],
  layout: JsonLayout | null,
  /** What is being redacted, sorted and not overlapping. */
  redacted: readonly Span[],
): OutputEdit[] {
  if (placeholders.length === 0 || !text.includes('<')) return [];
  const originals = new Map(placeholders.map((entry) => [entry.placeholder, entry.original]));
  const edits: OutputEdit[] = [];
  // Both in text order: one pass over the redactions, however many placeholders there are.
  let next = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const original = originals.get(match[0]);
    if (original === undefined) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    while (next < redacted.length && (redacted[next]?.end ?? 0) <= span.start) next++;
    const covered = redacted[next];
    if (covered && covered.start < span.end) continue;
    const inString = layout !== null && stringAround(layout, span.start, span.end) !== null;
    edits.push({ ...span, text: inString ? JSON.stringify(original).slice(1, -1) : original });
  }
  return edits;
}
