import { z } from 'zod';
import { ChatCompletionRequestSchema } from '../chat/chat-request.schema';
import { MicroUsdSchema } from './charge.schema';

/**
 * `llm.v1.chat.quote`: the pre-flight of a chat request. The llm service resolves the model
 * (aliases, bare ids), counts the input tokens and prices the worst case, so the gateway can
 * check the key's model allow-list against the canonical id and reserve budget before the call.
 */
export const LlmChatQuoteRequestSchema = z.object({
  requestId: z.string().min(1),
  request: ChatCompletionRequestSchema,
  /** As in `llm.v1.chat.complete`: the worst case covers only fallbacks the key may use. */
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type LlmChatQuoteRequest = z.infer<typeof LlmChatQuoteRequestSchema>;

export const ChatQuoteSchema = z.object({
  /** Canonical catalog id the request resolves to (e.g. `openai/gpt-4o-mini`). */
  model: z.string().min(1),
  provider: z.string().min(1),
  inputTokens: z.int().nonnegative(),
  /** The request's max_tokens, or the model's output limit when the request set none. */
  maxOutputTokens: z.int().nonnegative(),
  /**
   * Input tokens + maxOutputTokens at the current prices, rounded up to a whole micro-USD: the
   * highest over the model and every fallback that may serve the request.
   */
  worstCaseMicroUsd: MicroUsdSchema,
  priceVersion: z.string().min(1),
});
export type ChatQuote = z.infer<typeof ChatQuoteSchema>;
