import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChatExchange } from './chat-exchange.service';
import { parseChatRequest } from './chat-request.parser';
import { openAIChatSurface } from './openai-chat.surface';

/** `POST /v1/chat/completions`: OpenAI's chat API. */
@Controller('v1/chat')
export class ChatController {
  constructor(private readonly exchange: ChatExchange) {}

  @Post('completions')
  @HttpCode(200)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.exchange.serveBody(body, parseChatRequest, request, reply, openAIChatSurface);
  }
}
