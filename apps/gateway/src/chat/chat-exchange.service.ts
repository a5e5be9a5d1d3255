import {
  DomainError,
  formatMicroUsd,
  Subjects,
  type ChatCompletionRequest,
  type LlmChatCompleteRequest,
  type LlmChatResult,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallOutcome } from '../accounting/call-outcome';
import { ChargedFailure } from '../accounting/charged-failure';
import { ChatAdmission, type Admission } from '../accounting/chat-admission.service';
import { bookRefusedBody } from '../accounting/refused-body';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { principalOf } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import type { AnswerGuard } from '../guardrails/answer-guard';
import { GuardrailFindings } from '../guardrails/guardrail-findings';
import { RequestScreen } from '../guardrails/request-screen.service';
import { ChatGrounding } from '../retrieval/chat-grounding.service';
import { ChatStreamRelay } from './chat-stream.relay';
import type { ChatSurface, ConduitFields } from './chat-surface';

/**
 * One chat request, whatever API it came through: ground it in a collection when it asks
 * (`conduit.retrieval`), check the key's rate limits, screen it with the guardrails, admit the
 * prompt as it will be sent (quote, allow-list, budget hold — so the grounding context, the
 * redaction placeholders and the canary are held for too), call the llm service, answer
 * through the surface (the answer screened too), and record exactly one usage event whatever
 * happened after admission began.
 */
@Injectable()
export class ChatExchange {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly streams: ChatStreamRelay,
    private readonly admission: ChatAdmission,
    private readonly screen: RequestScreen,
    private readonly grounding: ChatGrounding,
    private readonly usage: UsageRecorder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Parses the body with the surface's parser, then serves it. A body the parser refuses is
   * still an authenticated request: it is booked as one usage row (an error at cost 0, the
   * model the caller named), as the README promises, before the 400 goes out.
   */
  async serveBody(
    body: unknown,
    parse: (body: unknown) => ChatCompletionRequest,
    request: FastifyRequest,
    reply: FastifyReply,
    surface: ChatSurface,
  ): Promise<void> {
    let asked: ChatCompletionRequest;
    try {
      asked = parse(body);
    } catch (error) {
      bookRefusedBody(this.usage, request, surface.endpoint, body, error);
      throw error;
    }
    await this.serve(asked, request, reply, surface);
  }

  async serve(
    asked: ChatCompletionRequest,
    request: FastifyRequest,
    reply: FastifyReply,
    surface: ChatSurface,
  ): Promise<void> {
    const startedAt = performance.now();
    const principal = principalOf(request);
    const admitted: Admission = { quote: null, rateLimit: null, reserved: false };
    const guardrails = new GuardrailFindings();
    let outcome: CallOutcome = failedOutcome(null);
    try {
      const grounded = await this.grounding.ground(request.id, principal, asked, guardrails);
      const chatRequest = grounded?.request ?? asked;
      const fields = grounded?.fields ?? {};
      if (principal.kind === 'key') await this.admission.admitRate(principal.key, admitted);
      const screened = await this.screen.screen(request.id, principal, chatRequest, guardrails);
      const sent = screened.messages
        ? { ...chatRequest, messages: screened.messages }
        : chatRequest;
      // Priced as sent: redaction placeholders and the canary line are tokens the provider bills.
      if (principal.kind === 'key') {
        await this.admission.admitPriced(request.id, principal.key, sent, admitted);
      }
      // A key's allow-list also bounds which fallbacks may serve the request.
      const call: LlmChatCompleteRequest = {
        requestId: request.id,
        request: sent,
        allowedModels: principal.kind === 'key' ? principal.key.models : null,
      };
      const headers = {
        ...surface.headers(request.id),
        ...admitted.rateLimit?.headers,
        ...guardrailsHeader(guardrails),
      };
      outcome = chatRequest.stream
        ? await this.streams.relay(
            call,
            reply,
            startedAt,
            headers,
            surface.streamRenderer(chatRequest, request.id, fields),
            screened.answers,
            admitted.quote?.inputTokens ?? null,
          )
        : await this.complete(call, reply.headers(headers), surface, screened.answers, fields);
    } catch (error) {
      if (error instanceof ChargedFailure) {
        outcome = error.outcome;
        throw error.error;
      }
      outcome = failedOutcome(error);
      throw error;
    } finally {
      void this.usage.record({
        requestId: request.id,
        principal,
        endpoint: surface.endpoint,
        request: asked,
        startedAt,
        admission: admitted,
        outcome,
        guardrails: guardrails.list(),
      });
    }
  }

  private async complete(
    call: LlmChatCompleteRequest,
    reply: FastifyReply,
    surface: ChatSurface,
    answers: AnswerGuard | null,
    fields: ConduitFields,
  ): Promise<CallOutcome> {
    const result = await this.messaging.request(Subjects.llmChatComplete, call, {
      timeoutMs: this.config.GATEWAY_LLM_TIMEOUT_MS,
    });
    const { charge, usageEstimated } = result;
    const outcome: CallOutcome = {
      status: 'success',
      errorType: null,
      usage: result.completion.usage,
      charge,
      usageEstimated,
      timeToFirstTokenMs: null,
      responseText: result.completion.choices[0]?.message.content ?? null,
    };
    let screened: LlmChatResult = result;
    if (answers) {
      try {
        screened = { ...result, completion: await answers.completion(result.completion) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new ChargedFailure(error, { ...outcome, status: 'error', errorType: error.type });
      }
    }
    reply
      .header('x-conduit-served-by', screened.completion.model)
      .header('x-conduit-cost-usd', formatMicroUsd(charge.costMicroUsd));
    await surface.sendCompletion(reply, screened, call.request, fields);
    return outcome;
  }
}

/** Which guardrails acted on the prompt, e.g. `pii:redacted`; absent when none did. */
function guardrailsHeader(findings: GuardrailFindings): Record<string, string> {
  const summary = findings.summary();
  return summary ? { 'x-conduit-guardrails': summary } : {};
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
