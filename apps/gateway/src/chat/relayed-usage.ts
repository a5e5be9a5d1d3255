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
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Caller and model text may contain `<|endoftext|>`; it is billed as the plain text it is.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
// The tokenizer is superlinear on long unbroken runs; counting in pieces keeps it linear. A cut
// may split one token in two, so the count errs (slightly) high, never low.
const PIECE_CHARS = 1_024;
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

function countText(text: string): number {
  let total = 0;
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + PIECE_CHARS, text.length);
    // Never split a surrogate pair: half an emoji would count as a replacement character.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    total += countTokens(text.slice(at, end), AS_PLAIN_TEXT);
    at = end;
  }
  return total;
}
