import { messageText, type ChatCompletionRequest, type ChatMessage } from '@conduit/contracts';
import { o200k } from './o200k.tokenizer';
import {
  countTokensOffThread,
  OFF_THREAD_MIN_COST,
  tokenizingCost,
} from './off-thread/off-thread-tokenizer';

/**
 * Token counts with OpenAI's o200k tokenizer. Exact for recent OpenAI models; for other
 * providers it is the documented approximation used when they report no usage. Linear in the
 * text however hostile (long runs are counted in pieces), and `<|endoftext|>` in a prompt is
 * counted as the plain text it is rather than throwing.
 */
export function countTextTokens(text: string): number {
  return o200k.count(text);
}

/** `countTextTokens`, off the event loop when the text is long (see countTokensOffThread). */
export async function countTextTokensAsync(text: string): Promise<number> {
  const [count] = await countTokensOffThread('o200k_base', [text]);
  return count;
}

// OpenAI's cookbook formula: every message costs 3 tokens of framing, a name one more,
// and every reply is primed with 3.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** What a prompt is counted from: its framing tokens and the texts tokenized on top of them. */
interface PromptParts {
  framingTokens: number;
  texts: string[];
}

function promptParts(messages: readonly ChatMessage[], tools?: readonly unknown[]): PromptParts {
  let framingTokens = REPLY_PRIMING_TOKENS;
  const texts: string[] = [];
  for (const message of messages) {
    framingTokens += TOKENS_PER_MESSAGE;
    texts.push(message.role, messageText(message));
    if ('name' in message && message.name) {
      framingTokens += TOKENS_PER_NAME;
      texts.push(message.name);
    }
  }
  // Tool definitions are billed as prompt tokens too (counted as their JSON, an approximation
  // of the provider's own rendering).
  if (tools?.length) texts.push(JSON.stringify(tools));
  return { framingTokens, texts };
}

function sumCounted({ framingTokens, texts }: PromptParts): number {
  let total = framingTokens;
  for (const text of texts) total += o200k.count(text);
  return total;
}

export function countPromptTokens(messages: readonly ChatMessage[]): number {
  return sumCounted(promptParts(messages));
}

/** The input of a whole request: the messages plus the tool definitions. */
export function countRequestTokens(request: ChatCompletionRequest): number {
  return sumCounted(promptParts(request.messages, request.tools));
}

/** `countRequestTokens`, off the event loop when the prompt is long (see countTokensOffThread). */
export async function countRequestTokensAsync(request: ChatCompletionRequest): Promise<number> {
  return countPartsAsync(promptParts(request.messages, request.tools));
}

/** Whether counting `request` is costly enough that `countRequestTokensAsync` takes a thread. */
export function isCostlyToCount(request: ChatCompletionRequest): boolean {
  return tokenizingCost(promptParts(request.messages, request.tools).texts) >= OFF_THREAD_MIN_COST;
}

/** `countPromptTokens`, off the event loop when the prompt is long. */
export async function countPromptTokensAsync(messages: readonly ChatMessage[]): Promise<number> {
  return countPartsAsync(promptParts(messages));
}

async function countPartsAsync({ framingTokens, texts }: PromptParts): Promise<number> {
  const counts = await countTokensOffThread('o200k_base', texts);
  return counts.reduce((total, count) => total + count, framingTokens);
}
