import {
  DomainError,
  formatMicroUsd,
  Subjects,
  type Charge,
  type ChatCompletion,
  type ChatCompletionChunk,
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
import { EdgeCatalog } from '../accounting/edge-catalog.service';
import { principalOf, type Principal } from '../auth/principal';
import { planCache, type CachePlan } from '../cache/cache-plan';
import { completionFromChunks, screeningFor } from '../cache/cached-answer';
import { cacheHeader, hitOutcome, hitResult } from '../cache/cache-hit';
import { replayHit } from '../cache/cached-stream.replay';
import { ResponseCache, type CacheSlot } from '../cache/response-cache.service';
import { SemanticCache, type SemanticMiss } from '../cache/semantic-cache.service';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import type { AnswerGuard } from '../guardrails/answer-guard';
import { GuardrailFindings } from '../guardrails/guardrail-findings';
import { RequestScreen, type Screened } from '../guardrails/request-screen.service';
import { noteAccessLogUsage } from '../http/access-log';
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
 *
 * The response cache sits after every policy and before the money: authentication, rate
 * limits, input guardrails (a blocked prompt never reaches it; a redacted one is keyed
 * redacted) and the allow-list come first; a hit skips the budget hold and the llm call, and
 * still goes through the output guardrails and into its own usage row (cost 0, `cache_hit`,
 * the saving).
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
    private readonly cache: ResponseCache,
    private readonly semanticCache: SemanticCache,
    private readonly catalog: EdgeCatalog,
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
        await this.admission.admitModel(request.id, principal.key, sent, admitted);
      }
      const plan = this.planCache(principal, sent, request, admitted);
      const slot = this.cache.slotOf(plan, sent);
      let cached = slot ? await this.cache.lookup(slot) : null;
      let similarity: number | null = null;
      let semanticMiss: SemanticMiss | null = null;
      if (slot && !cached) {
        const semantic = await this.semanticCache.find(request.id, principal, slot, sent);
        if (semantic && 'hit' in semantic) {
          cached = semantic.hit.answer;
          similarity = semantic.hit.similarity;
        } else if (semantic) {
          semanticMiss = semantic.miss;
        }
      }
      if (!cached && principal.kind === 'key') {
        await this.admission.hold(request.id, principal.key, sent, admitted);
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
        ...cacheHeader(plan, cached, similarity),
      };
      if (cached) {
        // A screening of this answer kept under the caller's fingerprint is reused as it is;
        // otherwise the answer is screened now (and, for JSON, the screening kept).
        const kept = screened.answers ? screeningFor(cached, screened.answerFingerprint) : null;
        if (kept) guardrails.addEvents(kept.findings);
        const guard = kept ? null : screened.answers;
        outcome = chatRequest.stream
          ? await replayHit(cached, kept?.completion, call, reply, headers, surface, guard, fields)
          : await this.deliver(
              hitResult(cached, request.id, kept?.completion),
              hitOutcome(cached),
              call,
              reply.headers(headers),
              surface,
              guard,
              fields,
              slot && guard
                ? this.keepScreening(slot, cached.completion, cached.charge, screened, guardrails)
                : null,
            );
      } else if (chatRequest.stream) {
        const streamed: ChatCompletionChunk[] = [];
        outcome = await this.streams.relay(
          call,
          reply,
          startedAt,
          headers,
          surface.streamRenderer(chatRequest, request.id, fields),
          screened.answers,
          admitted.quote?.inputTokens ?? null,
          slot ? (chunk) => streamed.push(chunk) : null,
        );
        if (slot) this.rememberStream(slot, streamed, outcome, semanticMiss);
        // A stream's tokens and cost are known only now, after its last frame.
        noteAccessLogUsage(request, {
          inputTokens: outcome.usage?.prompt_tokens ?? null,
          outputTokens: outcome.usage?.completion_tokens ?? null,
          costUsd: outcome.charge ? outcome.charge.costMicroUsd / 1_000_000 : null,
        });
      } else {
        outcome = await this.complete(
          call,
          reply.headers(headers),
          surface,
          screened,
          fields,
          slot,
          semanticMiss,
          guardrails,
        );
      }
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
    screened: Screened,
    fields: ConduitFields,
    slot: CacheSlot | null,
    semanticMiss: SemanticMiss | null,
    findings: GuardrailFindings,
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
    // The model's answer as it came (before the output guardrails), for the next caller. Sent
    // to the store before the answer goes out, so the caller's next request (on the same
    // Redis connection) finds it.
    if (slot) this.remember(slot, result.completion, charge, semanticMiss);
    const keep =
      slot && screened.answers
        ? this.keepScreening(slot, result.completion, charge, screened, findings)
        : null;
    return this.deliver(result, outcome, call, reply, surface, screened.answers, fields, keep);
  }

  /** Screens an answer (fresh or cached) with the output guardrails and writes it. */
  private async deliver(
    result: LlmChatResult,
    outcome: CallOutcome,
    call: LlmChatCompleteRequest,
    reply: FastifyReply,
    surface: ChatSurface,
    answers: AnswerGuard | null,
    fields: ConduitFields,
    /** Receives the screened answer (to keep it in the response cache). */
    keep: ((screened: ChatCompletion) => void) | null = null,
  ): Promise<CallOutcome> {
    const { charge } = result;
    let screened: LlmChatResult = result;
    if (answers) {
      try {
        screened = { ...result, completion: await answers.completion(result.completion) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new ChargedFailure(error, { ...outcome, status: 'error', errorType: error.type });
      }
      keep?.(screened.completion);
    }
    reply
      .header('x-conduit-served-by', screened.completion.model)
      .header('x-conduit-cost-usd', formatMicroUsd(charge.costMicroUsd));
    const { usage } = screened.completion;
    noteAccessLogUsage(reply.request, {
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
    });
    await surface.sendCompletion(reply, screened, call.request, fields);
    return outcome;
  }

  /**
   * The cache plan for this request, keyed by the canonical model id: the quote's when the
   * key needed one, else the catalog snapshot's resolution of the name.
   */
  private planCache(
    principal: Principal,
    sent: ChatCompletionRequest,
    request: FastifyRequest,
    admitted: Admission,
  ): CachePlan {
    const model = admitted.quote?.model ?? this.catalog.canonicalId(sent.model);
    const cacheControl = request.headers['cache-control'];
    return planCache(principal, sent, cacheControl, this.config, model);
  }

  /**
   * Keeps the output guardrails' screening of an answer in its cache entry, under the caller's
   * answer fingerprint, with what they found (the findings added from now on), so the next
   * request with the same fingerprint skips the output scan. Null when the screening is this
   * caller's alone (restored placeholders) or the guardrails gave no fingerprint.
   */
  private keepScreening(
    slot: CacheSlot,
    raw: ChatCompletion,
    charge: Charge,
    screened: Screened,
    findings: GuardrailFindings,
  ): ((shown: ChatCompletion) => void) | null {
    const fingerprint = screened.answerFingerprint;
    if (fingerprint === null) return null;
    const before = new Set(findings.list().map((finding) => JSON.stringify(finding)));
    return (shown) => {
      const added = findings.list().filter((finding) => !before.has(JSON.stringify(finding)));
      void this.cache.remember(slot, raw, charge, {
        fingerprint,
        completion: shown,
        findings: added,
      });
    };
  }

  /** A stream that ended well is stored as the completion it amounted to. */
  private rememberStream(
    slot: CacheSlot,
    streamed: readonly ChatCompletionChunk[],
    outcome: CallOutcome,
    semanticMiss: SemanticMiss | null,
  ): void {
    if (outcome.status !== 'success' || !outcome.usage || !outcome.charge) return;
    const completion = completionFromChunks(streamed, outcome.usage);
    if (completion) this.remember(slot, completion, outcome.charge, semanticMiss);
  }

  /** Stores a fresh answer, then (semantic mode) indexes it by its message's vector. */
  private remember(
    slot: CacheSlot,
    completion: ChatCompletion,
    charge: Charge,
    semanticMiss: SemanticMiss | null,
  ): void {
    const stored = this.cache.remember(slot, completion, charge);
    if (semanticMiss) void stored.then(() => this.semanticCache.index(slot, semanticMiss));
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
