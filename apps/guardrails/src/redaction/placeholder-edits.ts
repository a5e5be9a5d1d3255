import type { OutputEdit, Placeholder } from '@conduit/contracts';
import { stringAround, type JsonLayout } from '../output/json-text.lexer';
import { overlapsAny, type Span } from '../scan/spans';

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
  redacted: readonly Span[],
): OutputEdit[] {
  if (placeholders.length === 0 || !text.includes('<')) return [];
  const originals = new Map(placeholders.map((entry) => [entry.placeholder, entry.original]));
  const edits: OutputEdit[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const original = originals.get(match[0]);
    if (original === undefined) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    if (overlapsAny(span, redacted)) continue;
    const inString =
      layout?.regions.some(
        (region) =>
          region.kind === 'string' && region.start <= span.start && span.end <= region.end,
      ) ?? false;
    edits.push({ ...span, text: inString ? JSON.stringify(original).slice(1, -1) : original });
  }
  return edits;
}
