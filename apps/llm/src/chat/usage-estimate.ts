import type { ChatCompletionRequest, Usage } from '@conduit/contracts';
import { countPromptTokens, countTextTokens } from '../tokens/token-counter';

/**
 * Usage for a response that came without any: counted, never assumed zero, so it can
 * still be charged.
 */
export function estimateUsage(
  request: ChatCompletionRequest,
  completionTexts: readonly string[],
): Usage {
  const promptTokens = countPromptTokens(request.messages);
  const completionTokens = completionTexts.reduce((sum, text) => sum + countTextTokens(text), 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
