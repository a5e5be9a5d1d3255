import { messageText, type ChatCompletionRequest, type ChatMessage } from '@conduit/contracts';
import { o200k } from './o200k.tokenizer';

/**
 * Token counts with OpenAI's o200k tokenizer. Exact for recent OpenAI models; for other
 * providers it is the documented approximation used when they report no usage. Linear in the
 * text however hostile (long runs are counted in pieces), and `<|endoftext|>` in a prompt is
 * counted as the plain text it is rather than throwing.
 */
export function countTextTokens(text: string): number {
  return o200k.count(text);
}

// OpenAI's cookbook formula: every message costs 3 tokens of framing, a name one more,
// and every reply is primed with 3.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

export function countPromptTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    total +=
      TOKENS_PER_MESSAGE + countTextTokens(message.role) + countTextTokens(messageText(message));
    if ('name' in message && message.name) total += TOKENS_PER_NAME + countTextTokens(message.name);
  }
  return total;
}

/**
 * The input of a whole request: the messages plus the tool definitions, which the provider
 * also bills as prompt tokens (counted as their JSON, an approximation of its own rendering).
 */
export function countRequestTokens(request: ChatCompletionRequest): number {
  const tools = request.tools?.length ? countTextTokens(JSON.stringify(request.tools)) : 0;
  return countPromptTokens(request.messages) + tools;
}
