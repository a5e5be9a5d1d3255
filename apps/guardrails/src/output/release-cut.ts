import type { Span } from '../scan/spans';

/** A token longer than this is released even if cut: holding it whole would stall the stream. */
const MAX_TOKEN_HOLD = 8_192;
const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';

/**
 * Where to cut a streamed window: everything before the cut is released now, the rest is held
 * until more text arrives. Never inside something found, never inside a run of non-space
 * characters (a key, a JWT, an address or a placeholder still arriving), never after the
 * start of a PEM block that has not ended yet.
 */
export function releaseCut(
  text: string,
  final: boolean,
  holdChars: number,
  found: readonly Span[],
): number {
  if (final) return text.length;
  let cut = Math.max(0, text.length - holdChars);

  for (const span of [...found].sort((a, b) => b.start - a.start)) {
    if (span.start < cut && span.end > cut) cut = span.start;
  }

  const tokenStart = startOfToken(text, cut);
  if (cut - tokenStart <= MAX_TOKEN_HOLD) cut = tokenStart;

  const pem = text.lastIndexOf(PEM_BEGIN, cut);
  if (pem >= 0 && text.indexOf(PEM_END, pem) < 0) cut = Math.min(cut, pem);
  return cut;
}

/** The start of the run of non-whitespace characters that `at` falls inside (or `at`). */
function startOfToken(text: string, at: number): number {
  let start = at;
  if (start >= text.length || /\s/.test(text[start])) return at;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  return start;
}
