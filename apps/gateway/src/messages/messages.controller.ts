import { AnthropicMessagesRequestSchema } from '@conduit/contracts';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MessagingClient } from '@conduit/messaging';
import { ChatAdmission } from '../accounting/chat-admission.service';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { ChatExchange } from '../chat/chat-exchange.service';
import { parseInput } from '../http/parse-input';
import { anthropicChatSurface } from './anthropic-chat.surface';
import { countMessageTokens } from './message-token-count';
import { toChatRequest } from './messages-request.mapper';

/**
 * `POST /v1/messages`: Anthropic's Messages API, so the official `@anthropic-ai/sdk` reaches
 * every configured model. The request is mapped to a chat request and served exactly like
 * `/v1/chat/completions` (same keys, limits, budgets, routing and accounting); errors leave in
 * Anthropic's shape (see the error filter).
 */
@Controller('v1')
export class MessagesController {
  constructor(
    private readonly exchange: ChatExchange,
    private readonly admission: ChatAdmission,
    private readonly messaging: MessagingClient,
    private readonly usage: UsageRecorder,
  ) {}

  /** Anthropic's token counting, for every chat model (see `countMessageTokens`). */
  @Post('messages/count_tokens')
  @HttpCode(200)
  countTokens(@Body() body: unknown, @Req() request: FastifyRequest) {
    return countMessageTokens(body, request, {
      admission: this.admission,
      messaging: this.messaging,
      usage: this.usage,
    });
  }

  @Post('messages')
  @HttpCode(200)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.exchange.serveBody(
      body,
      (raw) => toChatRequest(parseInput(AnthropicMessagesRequestSchema, raw)),
      request,
      reply,
      anthropicChatSurface,
    );
  }
}
