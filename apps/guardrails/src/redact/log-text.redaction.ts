import { overlapsAny, replaceSpans } from '../scan/spans';
import { stripInvisibleText } from '../scanners/invisible/invisible-text';
import { detectPii } from '../scanners/pii/pii.detector';
import { detectSecrets } from '../scanners/secrets/secrets.detector';
import { mergedSpans } from './merged-spans';

export interface RedactedText {
  text: string;
  /** The kinds of value replaced, in order of appearance (repeats included). */
  kinds: string[];
}

/**
 * A text as it may be stored: every secret and PII value the detectors find replaced by
 * `[REDACTED_<KIND>]` — the output scan's placeholders, not the input's numbered ones, since
 * nothing is ever restored from a log. Invisible characters go first, so a value spelled with
 * zero-width characters in between is seen as it reads; the stored text loses nothing a reader
 * could see. Secrets win over PII where both match (an API key's digits are not a phone number).
 * Runs regardless of any key's modes: a key that lets an e-mail through to the model does not
 * make it fit to keep for a month (only its phone regions, what a phone number is, apply).
 */
export function redactForStorage(original: string, phoneRegions?: readonly string[]): RedactedText {
  const text = stripInvisibleText(original);
  const secrets = detectSecrets(text);
  const pii = detectPii(text, { phoneRegions }).filter((finding) => !overlapsAny(finding, secrets));
  const spans = mergedSpans([...secrets, ...pii]);
  if (spans.length === 0) return { text, kinds: [] };
  const redacted = replaceSpans(text, spans, (span) => `[REDACTED_${span.kind.toUpperCase()}]`);
  return { text: redacted, kinds: spans.map((span) => span.kind) };
}
