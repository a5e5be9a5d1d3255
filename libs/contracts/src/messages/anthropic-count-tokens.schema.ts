import { z } from 'zod';
import { AnthropicMessagesRequestSchema } from './anthropic-messages.schemas';

/**
 * `POST /v1/messages/count_tokens`: what Anthropic's count endpoint takes — a Messages request
 * without the output cap, sampling or streaming (the prompt is what is counted).
 */
export const AnthropicCountTokensRequestSchema = AnthropicMessagesRequestSchema.pick({
  model: true,
  messages: true,
  system: true,
  tools: true,
  tool_choice: true,
  thinking: true,
  cache_control: true,
});
export type AnthropicCountTokensRequest = z.infer<typeof AnthropicCountTokensRequestSchema>;

export const AnthropicTokenCountSchema = z.object({ input_tokens: z.int().nonnegative() });
export type AnthropicTokenCount = z.infer<typeof AnthropicTokenCountSchema>;
