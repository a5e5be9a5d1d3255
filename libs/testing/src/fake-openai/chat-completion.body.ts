import { contentPieces, type ChatCompletionPlan, type ChoicePlan } from './chat-completion.plan';
import { SYSTEM_FINGERPRINT } from './openai-ids';
import { tokenLogprob } from './token-logprobs';

/**
 * The non-streaming `chat.completion` object, field for field and in api.openai.com's key
 * order, so recorded-fixture comparisons and snapshot tests see the real shape.
 */
export function toChatCompletionBody(
  plan: ChatCompletionPlan,
  includeUsage: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: plan.choices.map(toChoice),
  };
  if (includeUsage) body.usage = plan.usage;
  body.service_tier = 'default';
  body.system_fingerprint = SYSTEM_FINGERPRINT;
  return body;
}

function toChoice(choice: ChoicePlan, index: number): Record<string, unknown> {
  const message =
    choice.kind === 'text'
      ? { role: 'assistant', content: choice.content, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: choice.callId,
              type: 'function',
              function: { name: choice.name, arguments: choice.arguments },
            },
          ],
          refusal: null,
          annotations: [],
        };
  // The same figures, token for token, as the streamed rendering of this answer carries.
  const logprobs =
    choice.kind === 'text' && choice.logprobs
      ? { content: contentPieces(choice).map(tokenLogprob), refusal: null }
      : null;
  return { index, message, logprobs, finish_reason: choice.finishReason };
}
