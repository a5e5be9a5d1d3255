import {
  DomainError,
  formatMicroUsd,
  Subjects,
  type ChatCompletionRequest,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallOutcome } from '../accounting/call-outcome';
import { ChatAdmission, type Admission } from '../accounting/chat-admission.service';
import { costView } from '../accounting/cost-view';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { principalOf } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { parseChatRequest } from './chat-request.parser';
import { ChatStreamRelay } from './chat-stream.relay';

/**
 * `POST /v1/chat/completions`: admit (allow-list, rate limits, budget hold), call the llm
 * service, answer, and record exactly one usage event whatever happened after admission began.
 */
@Controller('v1/chat')
export class ChatController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly streams: ChatStreamRelay,
    private readonly admission: ChatAdmission,
    private readonly usage: UsageRecorder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('completions')
  @HttpCode(200)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const startedAt = performance.now();
    const chatRequest = parseChatRequest(body);
    const principal = principalOf(request);
    const admitted: Admission = { quote: null, rateLimit: null, reserved: false };
    let outcome: CallOutcome = failedOutcome(null);
    try {
      if (principal.kind === 'key') {
        await this.admission.admit(request.id, principal.key, chatRequest, admitted);
      }
      const rateLimitHeaders = admitted.rateLimit?.headers ?? {};
      outcome = chatRequest.stream
        ? await this.streams.relay(request.id, chatRequest, reply, startedAt, rateLimitHeaders)
        : await this.complete(request.id, chatRequest, reply.headers(rateLimitHeaders));
    } catch (error) {
      outcome = failedOutcome(error);
      throw error;
    } finally {
      void this.usage.record({
        requestId: request.id,
        principal,
        request: chatRequest,
        startedAt,
        admission: admitted,
        outcome,
      });
    }
  }

  private async complete(
    requestId: string,
    chatRequest: ChatCompletionRequest,
    reply: FastifyReply,
  ): Promise<CallOutcome> {
    const { completion, charge, usageEstimated } = await this.messaging.request(
      Subjects.llmChatComplete,
      { requestId, request: chatRequest },
      { timeoutMs: this.config.GATEWAY_LLM_TIMEOUT_MS },
    );
    const body =
      chatRequest.conduit?.include_cost === true
        ? { ...completion, conduit: costView(charge) }
        : completion;
    await reply
      .header('x-conduit-served-by', completion.model)
      .header('x-conduit-cost-usd', formatMicroUsd(charge.costMicroUsd))
      .send(body);
    return {
      status: 'success',
      errorType: null,
      usage: completion.usage,
      charge,
      usageEstimated,
      timeToFirstTokenMs: null,
      responseText: completion.choices[0]?.message.content ?? null,
    };
  }
}

function failedOutcome(error: unknown): CallOutcome {
  return {
    status: 'error',
    errorType: error instanceof DomainError ? error.type : 'internal_error',
    usage: null,
    charge: null,
    usageEstimated: false,
    timeToFirstTokenMs: null,
    responseText: null,
  };
}
