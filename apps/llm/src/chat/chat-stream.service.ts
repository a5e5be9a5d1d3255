import {
  LlmChatCancelRequestSchema,
  Subjects,
  TimeoutError,
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
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Subscription } from 'nats';
import { randomUUID } from 'node:crypto';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import type { LlmConfig } from '../config/llm-config.schema';
import { LLM_CONFIG } from '../config/llm-config.token';
import { chargeFor } from '../pricing/charge';
import { recordCharge, recordUsage, startProviderSpan } from './provider-span';
import { estimateUsage, generatedText } from './usage-estimate';

const CANCELLED = 'cancelled';

interface StreamRun {
  span: Span;
  controller: AbortController;
  deadline: AbortSignal;
  /** Prices are those in effect when the stream was opened. */
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
  private readonly logger = createLogger('llm');
  readonly cancelSubject: string;
  private cancelSubscription?: Subscription;

  constructor(
    private readonly catalog: ModelCatalogService,
    private readonly messaging: MessagingClient,
    @Inject(MESSAGING_OPTIONS) messagingOptions: MessagingOptions,
    @Inject(LLM_CONFIG) private readonly config: LlmConfig,
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
  }

  /** Opens the upstream stream; resolves once it is accepted and relays it in the background. */
  async start(payload: LlmChatStreamRequest): Promise<LlmChatStreamAccepted> {
    const entry = this.catalog.resolve(payload.request.model);
    const startedAt = new Date();
    const controller = new AbortController();
    const deadline = AbortSignal.timeout(this.config.LLM_PROVIDER_TIMEOUT_MS);
    const signal = AbortSignal.any([controller.signal, deadline]);
    const span = startProviderSpan(entry, true);
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      chunks = await context.with(trace.setSpan(context.active(), span), () =>
        entry.provider.stream({
          request: payload.request,
          upstreamModel: entry.upstreamModel,
          signal,
        }),
      );
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      span.end();
      throw error;
    }
    this.active.set(payload.requestId, controller);
    void this.relay(payload, entry, chunks, { span, controller, deadline, startedAt }).finally(
      () => {
        this.active.delete(payload.requestId);
        span.end();
      },
    );
    return { cancelSubject: this.cancelSubject, model: entry.id };
  }

  private async relay(
    payload: LlmChatStreamRequest,
    entry: CatalogEntry,
    chunks: AsyncIterable<ChatCompletionChunk>,
    run: StreamRun,
  ): Promise<void> {
    let seq = 0;
    let usage: Usage | undefined;
    let finishReason: FinishReason | null = null;
    const texts: string[] = [];
    const send = (event: ChatStreamEvent) => this.messaging.publish(payload.inbox, event);
    const usageSoFar = () => usage ?? estimateUsage(payload.request, texts);

    try {
      for await (const chunk of chunks) {
        if (chunk.usage) usage = chunk.usage;
        // The usage-only chunk is not relayed: the gateway emits its own when the client asked.
        if (chunk.choices.length === 0) continue;
        for (const choice of chunk.choices) {
          texts[choice.index] = (texts[choice.index] ?? '') + generatedText(choice.delta);
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        send({ kind: 'chunk', seq: seq++, chunk: { ...chunk, model: entry.id, usage: undefined } });
      }
      if (finishReason === null) {
        throw new ProviderError(
          `The ${entry.provider.name} stream ended without a finish reason.`,
          {
            code: 'stream_interrupted',
          },
        );
      }
      const finalUsage = usageSoFar();
      const charge = chargeFor(entry, finalUsage, run.startedAt);
      recordUsage(run.span, finalUsage, !usage);
      recordCharge(run.span, charge);
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
      run.span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
      const partial = usageSoFar();
      recordUsage(run.span, partial, !usage);
      const charge = this.partialCharge(entry, partial, run);
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
    if (run.controller.signal.aborted) {
      return new TimeoutError('The client cancelled the stream.', { code: CANCELLED });
    }
    if (run.deadline.aborted) {
      return new TimeoutError(
        `The provider stream exceeded ${this.config.LLM_PROVIDER_TIMEOUT_MS} ms.`,
        {
          code: 'provider_timeout',
        },
      );
    }
    if (error instanceof DomainError) return error;
    this.logger.error({ err: error }, 'stream relay failed');
    return new InternalError('The stream failed unexpectedly.');
  }

  onApplicationShutdown(): void {
    this.cancelSubscription?.unsubscribe();
    for (const controller of this.active.values()) controller.abort('shutdown');
  }
}
