import { cl100k, o200k } from '@conduit/tokens';
import { decodeGenerator } from 'gpt-tokenizer';
import type { FakeChatMessage } from './fake-openai.types';

// OpenAI cookbook, "How to count tokens with tiktoken", for gpt-4o and later chat models.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const TOKENS_PRIMING_REPLY = 3;

/**
 * o200k_base tokens (gpt-4o's encoding), counted like the services count them (Conduit's one
 * token-counting module), with `<|endoftext|>` as the plain text OpenAI bills it as.
 */
export function encodeText(text: string): number[] {
  return o200k.encode(text);
}

export function countTokens(text: string): number {
  return encodeText(text).length;
}

/**
 * Split tokens into the strings a stream would carry, one per token, holding back a token
 * that ends mid-character (emoji, CJK) until the character completes.
 */
export function tokenPieces(tokens: number[]): string[] {
  return [...decodeGenerator(tokens)];
}

/** Text of a message's content, whether a string or an array of parts (non-text parts ignored). */
export function contentText(content: FakeChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) if (typeof part.text === 'string') text += part.text;
  return text;
}

/**
 * Prompt tokens by the cookbook formula: 3 per message, plus the tokens of each field's value
 * (+1 when a name is present), plus 3 priming the reply. Tool definitions are not counted.
 */
export function countPromptTokens(messages: readonly FakeChatMessage[]): number {
  let total = TOKENS_PRIMING_REPLY;
  for (const message of messages) {
    total +=
      TOKENS_PER_MESSAGE + countTokens(message.role) + countTokens(contentText(message.content));
    if (typeof message.name === 'string') total += countTokens(message.name) + TOKENS_PER_NAME;
    if (typeof message.tool_call_id === 'string') total += countTokens(message.tool_call_id);
    for (const call of message.tool_calls ?? []) {
      total += countTokens(call.function?.name ?? '') + countTokens(call.function?.arguments ?? '');
    }
  }
  return total;
}

/**
 * Tokens of one embeddings input as OpenAI bills it: cl100k_base (the encoding of its embedding
 * models) for text, the list's length for token ids.
 */
export function countEmbeddingInputTokens(input: string | readonly number[]): number {
  if (typeof input !== 'string') return input.length;
  return cl100k.count(input);
}
