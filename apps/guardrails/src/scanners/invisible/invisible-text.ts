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

/** Keycaps (1️⃣, #️⃣) are a character, U+FE0F, then the enclosing keycap U+20E3. */
const KEYCAP = '\u20E3';

/**
 * Scripts whose spelling needs the zero-width (non-)joiner between letters: Persian and Urdu
 * (می‌خواهم), the Indic scripts, Sinhala, Myanmar, Khmer. Between Latin letters the same
 * character only splits a word to slip it past a filter, so it stays flagged there.
 */
const JOINER_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}]/u;
const JOINERS = /^[\u200C\u200D]$/u;

function isEmojiGlue(text: string, start: number, run: string): boolean {
  if (!EMOJI_GLUE.test(run)) return false;
  if (text.startsWith(KEYCAP, start + run.length)) return true;
  return ENDS_WITH_EMOJI.test(text.slice(Math.max(0, start - 2), start));
}

function isScriptJoiner(text: string, start: number, run: string): boolean {
  if (!JOINERS.test(run)) return false;
  const before = String.fromCodePoint(text.codePointAt(start - 1) ?? 0);
  const after = String.fromCodePoint(text.codePointAt(start + run.length) ?? 0);
  return JOINER_SCRIPT.test(before) && JOINER_SCRIPT.test(after);
}

/** Invisible characters that are part of how the text is spelled, not hidden in it. */
function isSpelling(text: string, start: number, run: string): boolean {
  return isEmojiGlue(text, start, run) || isScriptJoiner(text, start, run);
}

/** Runs of invisible characters, one finding per run. */
export function findInvisibleText(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(INVISIBLE)) {
    const start = match.index;
    if (isSpelling(text, start, match[0])) continue;
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

/** The text with every invisible character removed (emoji glue and script joiners kept). */
export function stripInvisibleText(text: string): string {
  return text.replace(INVISIBLE, (run, start: number) => (isSpelling(text, start, run) ? run : ''));
}

function hex(run: string): string {
  return (run.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
