import {
  ChatCompletionRequestSchema,
  formatZodIssue,
  ValidationError,
  type ChatCompletionRequest,
} from '@conduit/contracts';

/** Validates a chat request body, naming the offending parameter like OpenAI does. */
export function parseChatRequest(body: unknown): ChatCompletionRequest {
  const result = ChatCompletionRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = formatZodIssue(result.error);
  throw new ValidationError(issue.message, { code: issue.code, param: issue.param });
}
