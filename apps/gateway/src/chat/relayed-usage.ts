import {
  billableTokens,
  messageText,
  tokenCostMicroUsd,
  type Charge,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type LlmChatStreamAccepted,
  type Usage,
} from '@conduit/contracts';
import { o200k } from '@conduit/tokens';

// OpenAI's cookbook formula, as the llm service counts a prompt: every message costs 3 tokens of
// framing, a name one more, and every reply is primed with 3.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/**
 * What the gateway relayed of a stream, so the stream can still be charged when the llm replica
 * serving it never reports usage (it died, or NATS went away): the caller received that text,
 * and the provider billed it. Counted only then — a stream that ends normally pays nothing here
 * but one string append per chunk.
 */
export class RelayedUsage {
  private readonly texts: string[] = [];

  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      const { delta } = choice;
      let text = (delta.content ?? '') + (delta.refusal ?? '');
      for (const call of delta.tool_calls ?? []) {
        text += (call.function?.name ?? '') + (call.function?.arguments ?? '');
      }
      if (text) this.texts[choice.index] = (this.texts[choice.index] ?? '') + text;
    }
  }

  /**
   * Completion tokens counted from the relayed text; prompt tokens from the admission quote
   * when there was one (the hold was made on it), else counted the way the llm service does.
   */
  count(request: ChatCompletionRequest, quotedInputTokens: number | null): Usage {
    const promptTokens = quotedInputTokens ?? countRequestTokens(request);
    let completionTokens = 0;
    for (const text of this.texts) completionTokens += countText(text ?? '');
    return {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
  }
}

/**
 * The charge for `usage` at the price the serving replica announced when it accepted the
 * stream — the same integer arithmetic the llm service charges with. Null when it announced none.
 */
export function chargeAtAcceptedPrice(
  accepted: LlmChatStreamAccepted,
  usage: Usage,
): Charge | null {
  if (!accepted.price) return null;
  return {
    model: accepted.model,
    provider: accepted.price.provider,
    costMicroUsd: tokenCostMicroUsd(billableTokens(usage), accepted.price.rates),
    priceVersion: accepted.price.priceVersion,
  };
}

function countRequestTokens(request: ChatCompletionRequest): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE + countText(message.role) + countText(messageText(message));
    if ('name' in message && message.name) total += TOKENS_PER_NAME + countText(message.name);
  }
  if (request.tools?.length) total += countText(JSON.stringify(request.tools));
  return total;
}

/** The system's one bounded counter: linear on hostile text, special tokens as plain text. */
function countText(text: string): number {
  return o200k.count(text);
}
