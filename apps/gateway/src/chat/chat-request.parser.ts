import { ChatCompletionRequestSchema, type ChatCompletionRequest } from '@conduit/contracts';
import { parseInput } from '../http/parse-input';

/** Validates a chat request body, naming the offending parameter like OpenAI does. */
export function parseChatRequest(body: unknown): ChatCompletionRequest {
  return parseInput(ChatCompletionRequestSchema, body);
}
