import { TOKENIZERS } from '@conduit/tokens';
import type { Tokenizer } from '../catalog/embedding-model';

/**
 * Input tokens of one text as the model's provider bills them: cl100k_base for OpenAI's
 * embedding models, o200k_base (gpt-4o's) for the local model. Counted per text, because a
 * provider call mixes texts of several callers and reports only the call's total.
 */
export function countEmbeddingTokens(text: string, tokenizer: Tokenizer): number {
  // Bounded counting (linear on hostile runs); `<|endoftext|>` is billed as plain text.
  return TOKENIZERS[tokenizer].count(text);
}
