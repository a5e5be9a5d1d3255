import {
  billableTokens,
  tokenCostMicroUsd,
  type Charge,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type LlmChatStreamAccepted,
  type Usage,
} from '@conduit/contracts';
import { countRequestTokensAsync, countTokensOffThread } from '@conduit/tokens';

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
   * Long text is counted in a worker thread: the gateway's event loop serves every caller.
   */
  async count(request: ChatCompletionRequest, quotedInputTokens: number | null): Promise<Usage> {
    const [promptTokens, completionCounts] = await Promise.all([
      quotedInputTokens ?? countRequestTokensAsync(request),
      countTokensOffThread(
        'o200k_base',
        Array.from(this.texts, (text) => text ?? ''),
      ),
    ]);
    const completionTokens = completionCounts.reduce((sum, count) => sum + count, 0);
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
