import {
  LlmChatCancelRequestSchema,
  Subjects,
  ProviderError,
  DomainError,
  InternalError,
  type ChatCompletionChunk,
  type ChatStreamEvent,
  type FinishReason,
  type Charge,
  type LlmChatStreamAccepted,
  type LlmChatStreamRequest,
  type Usage,
} from '@conduit/contracts';
import {
  MESSAGING_OPTIONS,
  MessagingClient,
  prefixedSubject,
  type MessagingOptions,
} from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Subscription } from 'nats';
import { randomUUID } from 'node:crypto';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { chargeFor } from '../pricing/charge';
import { requirePriceInEffect } from '@conduit/catalog';
import type { AttemptSignals } from '../routing/attempt-signals';
import { tagRequestId } from '../providers/request-id-tag';
import { ChatRouter, type Served } from '../routing/chat-router.service';
import { classifyFailure } from '../routing/failure-classification';
import { recordCharge, recordFailure, recordUsage } from './provider-span';
import { estimateUsage, generatedText } from './usage-estimate';

const CANCELLED = 'cancelled';

/**
 * A stream that sent nothing for this long gets a heartbeat, so the gateway can tell this
 * replica alive (a slow provider) from dead; a stream with events flowing sends none.
 */
export const STREAM_HEARTBEAT_MS = 1_000;
// Checked twice per interval, so a silent stream's inbox hears from us at least every 1.5 s.
const HEARTBEAT_CHECK_MS = STREAM_HEARTBEAT_MS / 2;

/** A stream being relayed, as the heartbeat sees it. */
interface Beating {
  inbox: string;
  /** performance.now() of the last event published on the inbox. */
  lastSentAt: number;
}

interface StreamRun {
  span: Span;
  attempt: AttemptSignals;
  /** Prices are those in effect when the serving attempt began. */
  startedAt: Date;
}

/**
 * Streaming chat across NATS: the upstream stream is relayed, in order, as ChatStreamEvents
 * on the requester's inbox, ending with usage, its charge and the finish reason — or an error
 * event with the usage so far and its charge, never a silent end. Each replica listens for
 * cancels on its own subject.
 */
@Injectable()
export class ChatStreamService implements OnModuleInit, OnApplicationShutdown {
  private readonly active = new Map<string, AbortController>();
  private readonly beating = new Map<string, Beating>();
  private readonly logger = createLogger('llm');
  readonly cancelSubject: string;
  private cancelSubscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly router: ChatRouter,
    private readonly messaging: MessagingClient,
    @Inject(MESSAGING_OPTIONS) messagingOptions: MessagingOptions,
  ) {
    this.cancelSubject = prefixedSubject(
      messagingOptions,
      `${Subjects.llmChatCancel}.${randomUUID()}`,
    );
  }

  onModuleInit(): void {
    this.cancelSubscription = this.messaging.subscribe(this.cancelSubject, (payload) => {
      const cancel = LlmChatCancelRequestSchema.safeParse(payload);
      if (cancel.success) this.active.get(cancel.data.requestId)?.abort(CANCELLED);
    });
    // One timer for every stream of this replica, not one per stream.
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_CHECK_MS);
    this.heartbeat.unref();
  }

  private beat(): void {
    const now = performance.now();
    for (const stream of this.beating.values()) {
      if (now - stream.lastSentAt < STREAM_HEARTBEAT_MS) continue;
      stream.lastSentAt = now;
      try {
        this.messaging.publish(stream.inbox, { kind: 'heartbeat' } satisfies ChatStreamEvent);
      } catch {
        // The connection is gone; the relay notices on its next event and aborts.
      }
    }
  }

  /**
   * Routes the stream (retries and fallbacks until a first chunk arrives); resolves once a
   * model is serving it and relays it in the background.
   */
  async start(payload: LlmChatStreamRequest): Promise<LlmChatStreamAccepted> {
    const controller = new AbortController();
    // Registered before routing, so a shutdown also stops retries still in progress.
    this.active.set(payload.requestId, controller);
    // Forwarded upstream by the provider adapter, and on its span.
    tagRequestId(payload.request, payload.requestId);
    let served: Served<AsyncIterable<ChatCompletionChunk>>;
    try {
      served = await this.router.stream(payload.request, {
        allowedModels: payload.allowedModels,
        signal: controller.signal,
      });
    } catch (error) {
      this.active.delete(payload.requestId);
      throw error;
    }
    this.beating.set(payload.requestId, { inbox: payload.inbox, lastSentAt: performance.now() });
    void this.relay(payload, served, controller).finally(() => {
      this.active.delete(payload.requestId);
      this.beating.delete(payload.requestId);
      served.attempt.dispose();
      served.span.end();
    });
    return {
      cancelSubject: this.cancelSubject,
      model: served.entry.id,
      heartbeatMs: STREAM_HEARTBEAT_MS,
      price: this.servingPrice(served),
    };
  }

  /**
   * The price the stream is charged at, for the gateway to price what it relayed should this
   * replica die before the end event. A pricing bug must not refuse a stream already serving.
   */
  private servingPrice(served: Served<unknown>): LlmChatStreamAccepted['price'] {
    try {
      const { price, version } = requirePriceInEffect(
        served.entry.id,
        served.entry.prices,
        served.startedAt,
      );
      return {
        provider: served.entry.provider.name,
        priceVersion: version,
        rates: {
          inputMicroUsdPerMTok: price.inputMicroUsdPerMTok,
          outputMicroUsdPerMTok: price.outputMicroUsdPerMTok,
          cachedInputMicroUsdPerMTok: price.cachedInputMicroUsdPerMTok,
          cacheWriteInputMicroUsdPerMTok: price.cacheWriteInputMicroUsdPerMTok,
        },
      };
    } catch (error) {
      this.logger.error({ err: error, model: served.entry.id }, 'no price for a stream');
      return undefined;
    }
  }

  private async relay(
    payload: LlmChatStreamRequest,
    served: Served<AsyncIterable<ChatCompletionChunk>>,
    controller: AbortController,
  ): Promise<void> {
    const { entry, result: chunks } = served;
    const run: StreamRun = {
      span: served.span,
      attempt: served.attempt,
      startedAt: served.startedAt,
    };
    let seq = 0;
    let usage: Usage | undefined;
    let finishReason: FinishReason | null = null;
    const texts: string[] = [];
    const beating = this.beating.get(payload.requestId);
    const send = (event: ChatStreamEvent) => {
      try {
        this.messaging.publish(payload.inbox, event);
        if (beating) beating.lastSentAt = performance.now();
      } catch (error) {
        // NATS is closed under us: nobody can receive the rest, so stop paying the provider for it.
        if (!controller.signal.aborted) {
          this.logger.warn({ err: error, request_id: payload.requestId }, 'stream event lost');
          controller.abort('bus_lost');
        }
      }
    };
    const usageSoFar = () => usage ?? estimateUsage(payload.request, texts);
    // Chunks the provider delivered in one turn go out as one frame (when the caller takes
    // frames): one message, one parse and one validation at the gateway instead of one each.
    let frame: ChatCompletionChunk[] = [];
    let frameQueued = false;
    const flushFrame = () => {
      frameQueued = false;
      if (frame.length === 0) return;
      const chunksOfFrame = frame;
      frame = [];
      send(
        chunksOfFrame.length === 1
          ? { kind: 'chunk', seq: seq++, chunk: chunksOfFrame[0] }
          : { kind: 'chunks', seq: seq++, chunks: chunksOfFrame },
      );
    };
    const relayChunk = (chunk: ChatCompletionChunk) => {
      if (!payload.frames) {
        send({ kind: 'chunk', seq: seq++, chunk });
        return;
      }
      frame.push(chunk);
      if (frameQueued) return;
      frameQueued = true;
      setImmediate(flushFrame);
    };

    try {
      for await (const chunk of chunks) {
        if (chunk.usage) usage = chunk.usage;
        // The usage-only chunk is not relayed: the gateway emits its own when the client asked.
        if (chunk.choices.length === 0) continue;
        for (const choice of chunk.choices) {
          texts[choice.index] = (texts[choice.index] ?? '') + generatedText(choice.delta);
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        relayChunk({ ...chunk, model: entry.id, usage: undefined });
      }
      if (finishReason === null) {
        throw new ProviderError(
          `The ${entry.provider.name} stream ended without a finish reason.`,
          {
            code: 'stream_interrupted',
          },
        );
      }
      const finalUsage = await usageSoFar();
      const charge = chargeFor(entry, finalUsage, run.startedAt);
      recordUsage(run.span, finalUsage, !usage);
      recordCharge(run.span, charge);
      served.settle('success');
      flushFrame();
      send({
        kind: 'end',
        seq: seq++,
        usage: finalUsage,
        charge,
        finishReason,
        usageEstimated: !usage,
      });
    } catch (error) {
      const failure = this.failureOf(error, run);
      served.settle(
        failure instanceof InternalError || classifyFailure(failure) === 'final'
          ? 'neutral'
          : 'failure',
      );
      run.span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
      recordFailure(run.span, failure);
      const partial = await usageSoFar();
      recordUsage(run.span, partial, !usage);
      const charge = this.partialCharge(entry, partial, run);
      flushFrame();
      send({
        kind: 'error',
        seq: seq++,
        error: failure.toPayload(),
        usage: partial,
        ...(charge ? { charge } : {}),
      });
    }
  }

  /**
   * What a cut, cancelled or failed stream cost so far: the provider bills the prompt it read
   * and every token it generated, so anything counted is charged. A pricing failure here must
   * not also lose the error event.
   */
  private partialCharge(entry: CatalogEntry, usage: Usage, run: StreamRun): Charge | undefined {
    if (usage.prompt_tokens + usage.completion_tokens === 0) return undefined;
    try {
      const charge = chargeFor(entry, usage, run.startedAt);
      recordCharge(run.span, charge);
      return charge;
    } catch (error) {
      this.logger.error({ err: error, model: entry.id }, 'pricing a partial stream failed');
      return undefined;
    }
  }

  private failureOf(error: unknown, run: StreamRun): DomainError {
    const reason = run.attempt.explain(error);
    if (reason) return reason;
    this.logger.error({ err: error }, 'stream relay failed');
    return new InternalError('The stream failed unexpectedly.');
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    this.cancelSubscription?.unsubscribe();
    for (const controller of this.active.values()) controller.abort('shutdown');
  }
}
