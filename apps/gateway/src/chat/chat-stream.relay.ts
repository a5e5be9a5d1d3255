import {
  ChatStreamEventSchema,
  ContentFilteredError,
  ServiceUnavailableError,
  domainErrorFromPayload,
  InternalError,
  Subjects,
  TimeoutError,
  type ChatCompletionChunk,
  type LlmChatCompleteRequest,
  type DomainError,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MAX_LOGGED_ANSWER_CHARS, type CallOutcome } from '../accounting/call-outcome';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import type { AnswerGuard } from '../guardrails/answer-guard';
import { SseWriter } from './sse.writer';
import type { StreamRendererFactory } from './stream-renderer';
import { StreamEventQueue } from './stream-event.queue';

/**
 * After a client disconnects, how long to wait for the llm service's last event, which carries
 * the usage generated so far (it arrives within milliseconds when the llm service is healthy).
 */
const USAGE_AFTER_CANCEL_WAIT_MS = 5_000;

/**
 * Relays an llm stream from NATS to the client as SSE, without buffering. A client that goes
 * away cancels the upstream call; a lost, malformed or silent stream ends in an SSE error
 * event, never in a silent end. Returns how the stream ended, for the usage event.
 */
@Injectable()
export class ChatStreamRelay {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Throws (before any SSE byte) when the stream is refused; otherwise never throws. */
  async relay(
    call: LlmChatCompleteRequest,
    reply: FastifyReply,
    startedAt: number,
    extraHeaders: Record<string, string>,
    renderer: StreamRendererFactory,
    guard: AnswerGuard | null = null,
  ): Promise<CallOutcome> {
    const { requestId } = call;
    const idleMs = this.config.GATEWAY_STREAM_IDLE_TIMEOUT_MS;
    const queue = new StreamEventQueue<unknown>();
    const inbox = this.messaging.createInbox();
    const subscription = this.messaging.subscribe(inbox, (event) => queue.push(event));
    let accepted;
    try {
      // Refusals (unknown model, provider said no) come back here, before any SSE byte.
      accepted = await this.messaging.request(
        Subjects.llmChatStream,
        { ...call, inbox },
        { timeoutMs: idleMs },
      );
    } catch (error) {
      subscription.unsubscribe();
      queue.close();
      throw error;
    }

    reply.hijack();
    const sse = new SseWriter(reply.raw);
    const render = renderer(sse, accepted.model);
    sse.open({
      ...extraHeaders,
      'x-request-id': requestId,
      'x-conduit-served-by': accepted.model,
    });
    let finished = false;
    let clientGone = false;
    // The guardrails ended the stream: the client has its error; wait only for the usage so far.
    let blocked = false;
    const cancel = (reason: string) => {
      if (!finished) this.messaging.publish(accepted.cancelSubject, { requestId, reason });
    };
    reply.raw.once('close', () => {
      if (!finished) {
        clientGone = true;
        cancel('client_disconnected');
      }
    });

    const outcome: CallOutcome = {
      status: 'error',
      errorType: null,
      usage: null,
      charge: null,
      usageEstimated: false,
      timeToFirstTokenMs: null,
      responseText: '',
    };
    const fail = async (error: DomainError) => {
      cancel(error.code ?? error.type);
      finished = true;
      outcome.errorType = error.type;
      await render.fail(error);
      sse.end();
    };
    /** Sends what the guardrails release; false when they blocked the stream (already failed). */
    const send = async (produce: () => Promise<ChatCompletionChunk[]>): Promise<boolean> => {
      let chunks: ChatCompletionChunk[];
      try {
        chunks = await produce();
      } catch (error) {
        if (
          !(error instanceof ContentFilteredError) &&
          !(error instanceof ServiceUnavailableError)
        ) {
          throw error;
        }
        await fail(error);
        blocked = true;
        return false;
      }
      for (const chunk of chunks) await render.chunk(chunk);
      return true;
    };

    let first: ChatCompletionChunk | undefined;
    try {
      for (let expectedSeq = 0; ; expectedSeq++) {
        const draining = clientGone || blocked;
        const raw = await queue.next(draining ? USAGE_AFTER_CANCEL_WAIT_MS : idleMs);
        if (raw === undefined) {
          if (blocked) return outcome;
          if (clientGone) {
            outcome.status = 'cancelled';
            return outcome;
          }
          await fail(
            new TimeoutError(`The model sent nothing for ${idleMs} ms.`, {
              code: 'stream_idle_timeout',
            }),
          );
          return outcome;
        }
        const parsed = ChatStreamEventSchema.safeParse(raw);
        if (!parsed.success || parsed.data.seq !== expectedSeq) {
          await fail(
            parsed.success
              ? new InternalError('Part of the stream was lost in transit.', {
                  code: 'stream_gap',
                })
              : new InternalError('The llm service sent a malformed stream event.', {
                  code: 'stream_malformed',
                }),
          );
          return outcome;
        }
        const event = parsed.data;
        if (event.kind === 'chunk') {
          if (!first) {
            first = event.chunk;
            outcome.timeToFirstTokenMs = Math.round(performance.now() - startedAt);
          }
          appendText(outcome, event.chunk);
          if (draining) continue;
          const chunk = event.chunk;
          await send(async () => (guard ? guard.chunk(chunk) : [chunk]));
          continue;
        }
        outcome.usage = event.usage ?? null;
        outcome.charge = event.charge ?? null;
        // Blocked by the guardrails: this is the llm service's answer to our cancel.
        if (blocked) return outcome;
        if (event.kind === 'end' && guard && !clientGone) {
          if (!(await send(() => guard.finish(first)))) {
            // The llm service already finished; nothing left to cancel or wait for.
            return outcome;
          }
        }
        if (event.kind === 'end') {
          outcome.usageEstimated = event.usageEstimated;
          outcome.status = clientGone ? 'cancelled' : 'success';
          finished = true;
          if (!clientGone) await render.end(event, first);
          sse.end();
          return outcome;
        }
        if (clientGone) {
          // The llm service's answer to our cancel: the usage so far, nothing to tell the client.
          outcome.status = 'cancelled';
          return outcome;
        }
        await fail(domainErrorFromPayload(event.error));
        return outcome;
      }
    } finally {
      finished = true;
      subscription.unsubscribe();
      queue.close();
    }
  }
}

function appendText(outcome: CallOutcome, chunk: ChatCompletionChunk): void {
  const text = outcome.responseText ?? '';
  if (text.length >= MAX_LOGGED_ANSWER_CHARS) return;
  const delta = chunk.choices[0]?.delta.content;
  if (delta) outcome.responseText = (text + delta).slice(0, MAX_LOGGED_ANSWER_CHARS);
}
