import {
  DomainError,
  formatMicroUsd,
  Subjects,
  type ChatCompletionRequest,
  type LlmChatCompleteRequest,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallOutcome } from '../accounting/call-outcome';
import { ChatAdmission, type Admission } from '../accounting/chat-admission.service';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { principalOf } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { ChatStreamRelay } from './chat-stream.relay';
import type { ChatSurface } from './chat-surface';

/**
 * One chat request, whatever API it came through: admit it (allow-list, rate limits, budget
 * hold), call the llm service, answer through the surface, and record exactly one usage event
 * whatever happened after admission began.
 */
@Injectable()
export class ChatExchange {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly streams: ChatStreamRelay,
    private readonly admission: ChatAdmission,
    private readonly usage: UsageRecorder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async serve(
    chatRequest: ChatCompletionRequest,
    request: FastifyRequest,
    reply: FastifyReply,
    surface: ChatSurface,
  ): Promise<void> {
    const startedAt = performance.now();
    const principal = principalOf(request);
    const admitted: Admission = { quote: null, rateLimit: null, reserved: false };
    // A key's allow-list also bounds which fallbacks may serve the request.
    const call: LlmChatCompleteRequest = {
      requestId: request.id,
      request: chatRequest,
      allowedModels: principal.kind === 'key' ? principal.key.models : null,
    };
    let outcome: CallOutcome = failedOutcome(null);
    try {
      if (principal.kind === 'key') {
        await this.admission.admit(request.id, principal.key, chatRequest, admitted);
      }
      const headers = { ...surface.headers(request.id), ...admitted.rateLimit?.headers };
      outcome = chatRequest.stream
        ? await this.streams.relay(
            call,
            reply,
            startedAt,
            headers,
            surface.streamRenderer(chatRequest, request.id),
          )
        : await this.complete(call, reply.headers(headers), surface);
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
    call: LlmChatCompleteRequest,
    reply: FastifyReply,
    surface: ChatSurface,
  ): Promise<CallOutcome> {
    const result = await this.messaging.request(Subjects.llmChatComplete, call, {
      timeoutMs: this.config.GATEWAY_LLM_TIMEOUT_MS,
    });
    const { completion, charge, usageEstimated } = result;
    reply
      .header('x-conduit-served-by', completion.model)
      .header('x-conduit-cost-usd', formatMicroUsd(charge.costMicroUsd));
    await surface.sendCompletion(reply, result, call.request);
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
