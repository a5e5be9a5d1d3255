import { ContextLengthExceededError, ValidationError } from '@conduit/contracts';
import type { EmbeddingModel } from '../catalog/embedding-model';
import { LOCAL_PROVIDER } from '../catalog/embedding-models-from-config';

/**
 * Refuses texts the provider would refuse, before they join a batch: a provider's 400 fails
 * the whole call, and that call carries other callers' texts too. `tokens[i]` counts `texts[i]`.
 */
export function assertTextsEmbeddable(
  model: EmbeddingModel,
  texts: readonly string[],
  tokens: readonly number[],
): void {
  // The local model embeds empty text to the zero vector (similar to nothing); providers
  // answer 400 to an empty string in a list.
  if (model.provider !== LOCAL_PROVIDER && texts.some((text) => text.length === 0)) {
    throw new ValidationError(`The model '${model.id}' cannot embed an empty text.`, {
      code: 'empty_input',
      param: 'input',
    });
  }
  assertTokensWithinLimit(model, tokens);
}

/** Refuses a text longer than the model's window (each text is embedded on its own). */
export function assertTokensWithinLimit(model: EmbeddingModel, tokens: readonly number[]): void {
  if (model.maxInputTokens === null) return;
  const longest = Math.max(0, ...tokens);
  if (longest <= model.maxInputTokens) return;
  throw new ContextLengthExceededError(
    `The model '${model.id}' takes at most ${model.maxInputTokens} tokens per text, but a text has ${longest}.`,
    {
      code: 'context_length_exceeded',
      param: 'input',
      details: { model: model.id, max_input_tokens: model.maxInputTokens, input_tokens: longest },
    },
  );
}
