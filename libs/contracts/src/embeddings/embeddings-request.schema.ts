import { z } from 'zod';

/** OpenAI's limit on inputs per embeddings request. */
export const MAX_EMBEDDING_INPUTS = 2048;

/**
 * `POST /v1/embeddings`, as OpenAI defines it. Inputs are text: token-id arrays (which OpenAI
 * also accepts) are refused with a clear error, because they are tied to one tokenizer and
 * mean nothing to other providers.
 */
export const EmbeddingsRequestSchema = z.strictObject({
  model: z.string().min(1, 'a model name is required'),
  input: z.union([
    z.string().min(1, 'input must not be empty'),
    z
      .array(z.string().min(1, 'an input must not be empty'))
      .min(1, 'input must hold at least one text')
      .max(MAX_EMBEDDING_INPUTS, `input may hold at most ${MAX_EMBEDDING_INPUTS} texts`),
  ]),
  /** Ask for shorter vectors (models that support it). */
  dimensions: z.int().min(1).max(16_000).optional(),
  /** OpenAI's SDK asks for base64 by default and decodes it itself. */
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
});
export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequestSchema>;

/** The inputs of a request as a list, whichever form it used. */
export function embeddingInputs(request: EmbeddingsRequest): string[] {
  return typeof request.input === 'string' ? [request.input] : request.input;
}
