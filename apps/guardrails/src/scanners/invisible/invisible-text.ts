import type { Finding } from '../finding';

/**
 * Characters a reader cannot see but a model reads: format controls (Cf: zero-width joiners,
 * bidi overrides, tag characters), private-use (Co) and unassigned (Cn) code points, and the
 * variation selectors (Mn, but used to smuggle bytes). Lone surrogates are Cs and are left to
 * the caller's well-formedness check.
 */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]+/gu;

/**
 * A zero-width joiner or emoji presentation selector right after an emoji is how 👩‍💻 and ❤️ are
 * spelled, not hidden text; flagging it would flag every message with a modern emoji.
 */
const EMOJI_GLUE = /^[\u200D\uFE0F]+$/u;
const ENDS_WITH_EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]$/u;

function isEmojiGlue(text: string, start: number, run: string): boolean {
  return EMOJI_GLUE.test(run) && ENDS_WITH_EMOJI.test(text.slice(Math.max(0, start - 2), start));
}

/** Runs of invisible characters, one finding per run. */
export function findInvisibleText(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(INVISIBLE)) {
    const start = match.index;
    if (isEmojiGlue(text, start, match[0])) continue;
    const codePoints = [...match[0]].length;
    findings.push({
      kind: 'invisible_characters',
      start,
      end: start + match[0].length,
      score: 1,
      reason: `${codePoints} invisible character${codePoints === 1 ? '' : 's'} starting U+${hex(match[0])}`,
    });
  }
  return findings;
}

/** The text with every invisible character removed (emoji glue kept). */
export function stripInvisibleText(text: string): string {
  return text.replace(INVISIBLE, (run, start: number) =>
    isEmojiGlue(text, start, run) ? run : '',
  );
}

function hex(run: string): string {
  return (run.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
