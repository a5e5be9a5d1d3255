import { z } from 'zod';
import { ChatCompletionRequestSchema } from './chat-request.schema';

/**
 * `llm.v1.tokens.count`: the input tokens of a chat request for the model that would serve it
 * (the head of its fallback chain, within the caller's allow-list) — asked of the provider when
 * it has a counting endpoint (Anthropic's `count_tokens`), else counted with Conduit's
 * tokenizer (o200k: exact for OpenAI's current models, an approximation for others).
 */
export const LlmTokenCountRequestSchema = z.object({
  requestId: z.string().min(1),
  request: ChatCompletionRequestSchema,
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type LlmTokenCountRequest = z.infer<typeof LlmTokenCountRequestSchema>;

export const LlmTokenCountSchema = z.object({
  /** The catalog id that was counted for. */
  model: z.string().min(1),
  inputTokens: z.int().nonnegative(),
  /** `provider`: the provider's own count; `tokenizer`: Conduit's (also when the provider failed). */
  countedBy: z.enum(['provider', 'tokenizer']),
});
export type LlmTokenCount = z.infer<typeof LlmTokenCountSchema>;
