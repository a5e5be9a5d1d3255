import { countTokensOffThread } from '@conduit/tokens';
import type { Tokenizer } from '../catalog/embedding-model';

/**
 * Input tokens of each text as the model's provider bills them: cl100k_base for OpenAI's
 * embedding models, o200k_base (gpt-4o's) for the local model. Counted per text, because a
 * provider call mixes texts of several callers and reports only the call's total. Bounded
 * counting (linear on hostile runs; `<|endoftext|>` is billed as plain text), in a worker thread
 * when the texts are long, so a megabyte of CJK does not stall the service.
 */
export function countEmbeddingTokens(
  texts: readonly string[],
  tokenizer: Tokenizer,
): Promise<number[]> {
  return countTokensOffThread(tokenizer, texts);
}
