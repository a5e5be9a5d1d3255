import {
  ContextLengthExceededError,
  requestedMaxTokens,
  ValidationError,
  type ChatCompletionRequest,
} from '@conduit/contracts';
import type { MaxTokensPolicy } from './max-tokens-policy';
import type { ModelPricing } from './model-pricing';
import type { PromptSize } from './prompt-size';

export interface ModelLimits extends Pick<ModelPricing, 'contextWindow' | 'maxOutputTokens'> {
  id: string;
  policy: { maxTokensPolicy: MaxTokensPolicy };
}

/** A request as one model will receive it. */
export interface FittedRequest {
  request: ChatCompletionRequest;
  /** The output cap in effect: the request's (maybe clamped), or what the window leaves. */
  maxOutputTokens: number;
}

/**
 * Checks a request against one model's limits before anything is sent or reserved: a prompt
 * plus `max_tokens` beyond the context window is refused with the counts, and a `max_tokens`
 * above the model's output limit is refused (as OpenAI does) or clamped, per the model's policy.
 */
export function fitRequest(
  model: ModelLimits,
  request: ChatCompletionRequest,
  input: number | PromptSize,
): FittedRequest {
  let requested = requestedMaxTokens(request);
  let fitted = request;
  if (requested !== undefined && requested > model.maxOutputTokens) {
    const param = request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
    if (model.policy.maxTokensPolicy === 'reject') {
      throw new ValidationError(
        `${param} is too large: ${requested}. The model '${model.id}' supports at most ${model.maxOutputTokens} completion tokens.`,
        {
          code: 'max_tokens_too_large',
          param,
          details: { max_output_tokens: model.maxOutputTokens, requested },
        },
      );
    }
    requested = model.maxOutputTokens;
    fitted = { ...request, [param]: requested };
  }
  // Most prompts are far from the window: when even the size bound fits with the largest
  // output this request can get, the exact count cannot change the answer.
  if (
    typeof input !== 'number' &&
    input.upperBound + (requested ?? model.maxOutputTokens) <= model.contextWindow
  ) {
    return { request: fitted, maxOutputTokens: requested ?? model.maxOutputTokens };
  }
  const inputTokens = typeof input === 'number' ? input : input.exact();
  assertFitsContextWindow(model, inputTokens, requested);
  return {
    request: fitted,
    // Without a cap a model stops at its output limit or when the window is full.
    maxOutputTokens:
      requested ?? Math.min(model.maxOutputTokens, model.contextWindow - inputTokens),
  };
}

function assertFitsContextWindow(
  model: ModelLimits,
  inputTokens: number,
  requestedOutput: number | undefined,
): void {
  // A prompt that fills the window leaves no room for even one output token.
  const needed = inputTokens + (requestedOutput ?? 1);
  if (needed <= model.contextWindow) return;
  const asked =
    requestedOutput === undefined
      ? `${inputTokens} tokens in the messages`
      : `${needed} tokens (${inputTokens} in the messages, ${requestedOutput} in the completion)`;
  throw new ContextLengthExceededError(
    `This model's maximum context length is ${model.contextWindow} tokens. However, you requested ${asked}. Please reduce the length of the messages or completion.`,
    {
      code: 'context_length_exceeded',
      param: 'messages',
      details: {
        model: model.id,
        context_window: model.contextWindow,
        input_tokens: inputTokens,
        max_output_tokens: requestedOutput ?? null,
      },
    },
  );
}
