import type { Finding } from '../scanners/finding';

/** Shorter runs of shared words happen by chance ("you are a helpful assistant that …"). */
const MIN_LEAKED_WORDS = 12;
/** System prompts shorter than this are too generic to recognise by overlap. */
const MIN_PROMPT_WORDS = 6;

const WORD = /[\p{L}\p{N}]+/gu;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    text: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * Signs that an answer gives the system prompt away: the canary that was added to the prompt,
 * or a long run of the prompt's own words in order. Runs are found through word n-grams of
 * the prompt, so the check is linear in the answer's length.
 */
export function detectSystemPromptLeak(
  answer: string,
  systemPrompt: string | null,
  canary: string | null,
): Finding[] {
  const findings: Finding[] = [];
  if (canary) {
    const at = answer.indexOf(canary);
    if (at >= 0) {
      findings.push({
        kind: 'canary',
        start: at,
        end: at + canary.length,
        score: 1,
        reason: 'the answer contains the system prompt canary',
      });
    }
  }
  if (systemPrompt) {
    const run = longestSharedRun(wordsOf(answer), wordsOf(systemPrompt));
    if (run) findings.push(run);
  }
  return findings;
}

function longestSharedRun(answer: Word[], prompt: Word[]): Finding | null {
  if (prompt.length < MIN_PROMPT_WORDS) return null;
  // A short prompt leaks when most of it is repeated; a long one when any long run is.
  const needed = Math.min(MIN_LEAKED_WORDS, prompt.length);
  const n = Math.min(needed, 8);
  const grams = new Set<string>();
  for (let i = 0; i + n <= prompt.length; i++) grams.add(gram(prompt, i, n));

  let best: { from: number; to: number } | null = null;
  let runStart = -1;
  for (let i = 0; i + n <= answer.length; i++) {
    if (grams.has(gram(answer, i, n))) {
      if (runStart < 0) runStart = i;
      const to = i + n;
      if (to - runStart >= needed && (!best || to - runStart > best.to - best.from)) {
        best = { from: runStart, to };
      }
    } else {
      runStart = -1;
    }
  }
  if (!best) return null;
  const words = best.to - best.from;
  return {
    kind: 'prompt_overlap',
    start: answer[best.from].start,
    end: answer[best.to - 1].end,
    score: Math.min(1, words / (needed * 2)),
    reason: `the answer repeats ${words} consecutive words of the system prompt`,
  };
}

function gram(words: Word[], from: number, n: number): string {
  let key = words[from].text;
  for (let i = from + 1; i < from + n; i++) key += ` ${words[i].text}`;
  return key;
}
