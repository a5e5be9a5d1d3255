import { Subjects } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { parseChatRequest } from './chat-request.parser';
import { ChatStreamRelay } from './chat-stream.relay';

@Controller('v1/chat')
export class ChatController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly streams: ChatStreamRelay,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('completions')
  @HttpCode(200)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const chatRequest = parseChatRequest(body);
    if (chatRequest.stream) {
      await this.streams.relay(request.id, chatRequest, reply);
      return;
    }
    const completion = await this.messaging.request(
      Subjects.llmChatComplete,
      { requestId: request.id, request: chatRequest },
      { timeoutMs: this.config.GATEWAY_LLM_TIMEOUT_MS },
    );
    await reply.header('x-conduit-served-by', completion.model).send(completion);
  }
}
