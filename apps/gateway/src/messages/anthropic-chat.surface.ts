import type { ChatCompletionRequest, LlmChatResult } from '@conduit/contracts';
import type { FastifyReply } from 'fastify';
import type { ChatSurface } from '../chat/chat-surface';
import type { StreamRendererFactory } from '../chat/stream-renderer';
import { AnthropicStreamRenderer } from './anthropic-stream.renderer';
import { toAnthropicMessage } from './messages-response.mapper';

/** `/v1/messages`: Anthropic's Message and stream event shapes. */
export const anthropicChatSurface: ChatSurface = {
  endpoint: 'messages',
  // Where Anthropic's SDKs read the request id from (`APIError.requestID`, `_request_id`).
  headers: (requestId) => ({ 'request-id': requestId }),
  async sendCompletion(reply: FastifyReply, { completion }: LlmChatResult): Promise<void> {
    await reply.send(toAnthropicMessage(completion));
  },
  streamRenderer(_request: ChatCompletionRequest, requestId: string): StreamRendererFactory {
    return (sse, servedModel) => new AnthropicStreamRenderer(sse, servedModel, requestId);
  },
};
