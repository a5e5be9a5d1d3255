import type { ChatCompletionRequest, LlmChatResult } from '@conduit/contracts';
import type { FastifyReply } from 'fastify';
import { costView } from '../accounting/cost-view';
import type { ChatSurface, ConduitFields } from './chat-surface';
import { OpenAIStreamRenderer } from './openai-stream.renderer';
import type { StreamRendererFactory } from './stream-renderer';

/** `/v1/chat/completions`: OpenAI's chat completion and chunk shapes. */
export const openAIChatSurface: ChatSurface = {
  endpoint: 'chat.completions',
  headers: () => ({}),
  async sendCompletion(
    reply: FastifyReply,
    { completion, charge }: LlmChatResult,
    request: ChatCompletionRequest,
    fields: ConduitFields = {},
  ): Promise<void> {
    const conduit = {
      ...(request.conduit?.include_cost === true ? costView(charge) : {}),
      ...fields,
    };
    await reply.send(Object.keys(conduit).length > 0 ? { ...completion, conduit } : completion);
  },
  streamRenderer(
    request: ChatCompletionRequest,
    requestId: string,
    fields: ConduitFields = {},
  ): StreamRendererFactory {
    return (sse) => new OpenAIStreamRenderer(sse, request, requestId, fields);
  },
};
