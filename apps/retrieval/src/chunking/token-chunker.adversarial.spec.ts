import { adversarialStrings, doublingRatio, repeatTo, timeWithinBudget } from '@conduit/testing';
import { chunkText } from './token-chunker';

// Hostile input is normal input (issue 12): documents are caller text, chunked on ingest. The
// budget is generous for a shared 2-core machine and gpt-tokenizer's linear cost on the worst
// texts (random code points); super-linear chunking took minutes on these inputs.
const MEGABYTE_BUDGET_MS = 10_000;
const OPTIONS = { maxTokens: 256, overlapTokens: 32 };
/**
 * Mostly multi-byte text with no merges in the vocabulary costs gpt-tokenizer seconds per MB
 * (linear, see @conduit/tokens' tests): timed at 200 KB.
 */
const MULTI_BYTE = new Set([
  'confusables',
  'random unicode with lone surrogates and NUL',
  'CJK run',
]);

describe('chunkText on hostile input', () => {
  it.each(
    adversarialStrings().map(
      ({ name, text }) => [name, MULTI_BYTE.has(name) ? text.slice(0, 200_000) : text] as const,
    ),
  )('chunks %s within the budget', (_name, text) => {
    const ms = timeWithinBudget(() => chunkText(text, OPTIONS), MEGABYTE_BUDGET_MS);
    expect(ms).toBeLessThan(MEGABYTE_BUDGET_MS);
  });

  it.each(['x', ' ', 'x ', '\n\n'])('takes about twice as long for twice as much of %j', (unit) => {
    const ratio = doublingRatio(
      (text) => chunkText(`word ${text}`, OPTIONS),
      (size) => repeatTo(unit, size),
      100_000,
    );
    expect(ratio).toBeLessThan(3);
  });
});
