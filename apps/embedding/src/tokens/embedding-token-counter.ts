import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { Tokenizer } from '../catalog/embedding-model';

// Caller text may legitimately contain `<|endoftext|>`; providers bill it as plain text, and
// gpt-tokenizer would throw on it by default.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Input tokens of one text as the model's provider bills them: cl100k_base for OpenAI's
 * embedding models, o200k_base (gpt-4o's) for the local model. Counted per text, because a
 * provider call mixes texts of several callers and reports only the call's total.
 */
export function countEmbeddingTokens(text: string, tokenizer: Tokenizer): number {
  if (text.length === 0) return 0;
  return tokenizer === 'cl100k_base'
    ? countCl100k(text, AS_PLAIN_TEXT)
    : countO200k(text, AS_PLAIN_TEXT);
}
