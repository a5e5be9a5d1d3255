import type { ChatCompletionRequest, LlmChatResult } from '@conduit/contracts';
import type { FastifyReply } from 'fastify';
import { costView } from '../accounting/cost-view';
import type { ChatSurface } from './chat-surface';
import { OpenAIStreamRenderer } from './openai-stream.renderer';
import type { StreamRendererFactory } from './stream-renderer';

/** `/v1/chat/completions`: OpenAI's chat completion and chunk shapes. */
export const openAIChatSurface: ChatSurface = {
  headers: () => ({}),
  async sendCompletion(
    reply: FastifyReply,
    { completion, charge }: LlmChatResult,
    request: ChatCompletionRequest,
  ): Promise<void> {
    const body =
      request.conduit?.include_cost === true
        ? { ...completion, conduit: costView(charge) }
        : completion;
    await reply.send(body);
  },
  streamRenderer(request: ChatCompletionRequest, requestId: string): StreamRendererFactory {
    return (sse) => new OpenAIStreamRenderer(sse, request, requestId);
  },
};
