import type { ChatCompletionRequest, Usage } from '@conduit/contracts';
import { countRequestTokensAsync, countTokensOffThread } from '@conduit/tokens';

/** The generated parts of a message or stream delta that a provider bills as output. */
export interface GeneratedParts {
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ReadonlyArray<{ function?: { name?: string; arguments?: string } }>;
}

/** Everything a model generated in one message (or one delta), as text to be counted. */
export function generatedText(parts: GeneratedParts): string {
  let text = (parts.content ?? '') + (parts.refusal ?? '');
  for (const call of parts.tool_calls ?? []) {
    text += (call.function?.name ?? '') + (call.function?.arguments ?? '');
  }
  return text;
}

/**
 * Usage for a response that came without any: counted, never assumed zero, so it can
 * still be charged. Long texts are counted off the event loop.
 */
export async function estimateUsage(
  request: ChatCompletionRequest,
  completionTexts: readonly string[],
): Promise<Usage> {
  const [promptTokens, completionCounts] = await Promise.all([
    countRequestTokensAsync(request),
    // Sparse when some choice sent nothing: those count as empty.
    countTokensOffThread(
      'o200k_base',
      Array.from(completionTexts, (text) => text ?? ''),
    ),
  ]);
  const completionTokens = completionCounts.reduce((sum, count) => sum + count, 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
