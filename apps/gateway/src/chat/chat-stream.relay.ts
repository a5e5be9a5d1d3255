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
  type LlmChatStreamAccepted,
  type DomainError,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MAX_LOGGED_ANSWER_CHARS, type CallOutcome } from '../accounting/call-outcome';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import type { AnswerGuard } from '../guardrails/answer-guard';
import { chargeAtAcceptedPrice, RelayedUsage } from './relayed-usage';
import { SseWriter } from './sse.writer';
import type { StreamRendererFactory } from './stream-renderer';
import { StreamEventQueue } from './stream-event.queue';

/**
 * After a client disconnects, how long to wait for the llm service's last event, which carries
 * the usage generated so far (it arrives within milliseconds when the llm service is healthy).
 */
const USAGE_AFTER_CANCEL_WAIT_MS = 5_000;

const logger = createLogger('gateway');

/**
 * Relays an llm stream from NATS to the client as SSE, without buffering. A client that goes
 * away cancels the upstream call at once; a lost, malformed or silent stream ends in an SSE error
 * event, never in a silent end — within seconds when the llm replica serving it stops beating
 * or NATS goes away, after the idle timeout when the replica beats but the model says nothing.
 * Returns how the stream ended, for the usage event: when the llm service never reported the
 * usage, what was relayed is counted and priced here, so delivered text is never free.
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
    /** The admission quote's input tokens, if the request was quoted. */
    quotedInputTokens: number | null = null,
    /** Sees every chunk the model sent, as sent (before the guardrails): the response cache. */
    tap: ((chunk: ChatCompletionChunk) => void) | null = null,
  ): Promise<CallOutcome> {
    const { requestId } = call;
    const idleMs = this.config.GATEWAY_STREAM_IDLE_TIMEOUT_MS;
    const queue = new StreamEventQueue<unknown>();
    const inbox = this.messaging.createInbox();
    const subscription = this.messaging.subscribe(inbox, (event) => queue.push(event));
    let accepted: LlmChatStreamAccepted;
    try {
      // Refusals (unknown model, provider said no) come back here, before any SSE byte. The
      // request's own liveness (the client's) notices a replica that dies while routing.
      accepted = await this.messaging.request(
        Subjects.llmChatStream,
        // Chunks the provider sent together come as one frame (`chunks`).
        { ...call, inbox, frames: true },
        { timeoutMs: idleMs, liveness: true },
      );
    } catch (error) {
      subscription.unsubscribe();
      queue.close();
      throw error;
    }
    // A replica that promised heartbeats and sends nothing for this long is gone; one that
    // promised none (an older version) is judged by the idle timeout alone.
    const livenessMs = accepted.heartbeatMs
      ? Math.max(this.config.GATEWAY_LIVENESS_TIMEOUT_MS, 2 * accepted.heartbeatMs)
      : undefined;

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
    let busLost = false;
    // The guardrails ended the stream: the client has its error; wait only for the usage so far.
    let blocked = false;
    const cancel = (reason: string) => {
      if (finished) return;
      try {
        this.messaging.publish(accepted.cancelSubject, { requestId, reason });
      } catch (error) {
        // The connection is closing (shutdown): nothing can be sent any more; never throw here.
        logger.warn({ err: error, request_id: requestId }, 'stream cancel not sent');
      }
    };
    const leave = () => {
      if (finished || clientGone) return;
      clientGone = true;
      cancel('client_disconnected');
      // Noticed now, not when the current wait ends.
      queue.wake();
    };
    reply.raw.once('close', leave);
    // The client may have left while the stream was being accepted ('close' has then fired).
    if (reply.raw.destroyed || !reply.raw.socket || reply.raw.socket.destroyed) leave();
    const stopBusWatch = this.messaging.onDisconnect(() => {
      busLost = true;
      queue.wake();
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
    const relayed = new RelayedUsage();
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
    let firstChunkAt = 0;
    let lastChunkAt = 0;
    let chunksSeen = 0;
    let lastEventAt = performance.now();
    let lastDataAt = lastEventAt;
    let drainUntil: number | undefined;
    try {
      for (let expectedSeq = 0; ;) {
        const draining = clientGone || blocked;
        const now = performance.now();
        if (draining) drainUntil ??= now + USAGE_AFTER_CANCEL_WAIT_MS;
        let deadline = drainUntil ?? lastDataAt + idleMs;
        if (livenessMs !== undefined) deadline = Math.min(deadline, lastEventAt + livenessMs);
        const raw = busLost ? undefined : await queue.next(Math.max(0, deadline - now));
        if (raw === undefined) {
          const at = performance.now();
          // Woken by the disconnect itself: the wait for the usage so far starts now.
          if (clientGone || blocked) drainUntil ??= at + USAGE_AFTER_CANCEL_WAIT_MS;
          const replicaLost = livenessMs !== undefined && at >= lastEventAt + livenessMs;
          if (blocked) {
            if (!busLost && !replicaLost && at < (drainUntil ?? 0)) continue;
            return outcome;
          }
          if (clientGone) {
            if (!busLost && !replicaLost && at < (drainUntil ?? 0)) continue;
            outcome.status = 'cancelled';
            return outcome;
          }
          if (busLost) {
            await fail(
              new ServiceUnavailableError(
                'The message bus (NATS) went away during the stream; retry shortly.',
                { code: 'bus_unavailable' },
              ),
            );
            return outcome;
          }
          if (replicaLost) {
            await fail(
              new ServiceUnavailableError(
                `The llm replica serving this stream stopped responding (nothing for ${livenessMs} ms).`,
                { code: 'llm_replica_lost' },
              ),
            );
            return outcome;
          }
          if (at < lastDataAt + idleMs) continue;
          await fail(
            new TimeoutError(`The model sent nothing for ${idleMs} ms.`, {
              code: 'stream_idle_timeout',
            }),
          );
          return outcome;
        }
        lastEventAt = performance.now();
        const parsed = ChatStreamEventSchema.safeParse(raw);
        // A beat says the replica is alive; it is not part of the answer.
        if (parsed.success && parsed.data.kind === 'heartbeat') continue;
        lastDataAt = lastEventAt;
        if (
          !parsed.success ||
          parsed.data.kind === 'heartbeat' ||
          parsed.data.seq !== expectedSeq
        ) {
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
        expectedSeq++;
        const event = parsed.data;
        if (event.kind === 'chunk' || event.kind === 'chunks') {
          for (const chunk of event.kind === 'chunk' ? [event.chunk] : event.chunks) {
            if (!first) {
              first = chunk;
              firstChunkAt = performance.now();
              outcome.timeToFirstTokenMs = Math.round(firstChunkAt - startedAt);
            }
            lastChunkAt = performance.now();
            chunksSeen += 1;
            appendText(outcome, chunk);
            relayed.add(chunk);
            tap?.(chunk);
            // Blocked or gone: the rest is only counted (it was generated, so it is charged).
            if (clientGone || blocked) continue;
            await send(async () => (guard ? guard.chunk(chunk) : [chunk]));
          }
          continue;
        }
        outcome.usage = event.usage ?? null;
        outcome.charge = event.charge ?? null;
        // Blocked by the guardrails: this is the llm service's answer to our cancel.
        if (blocked) return outcome;
        if (event.kind === 'end' && guard && !clientGone) {
          if (!(await send(() => guard.finish()))) {
            // The llm service already finished; nothing left to cancel or wait for.
            return outcome;
          }
        }
        if (event.kind === 'end') {
          outcome.usageEstimated = event.usageEstimated;
          if (chunksSeen > 1) {
            outcome.timePerOutputChunkMs = (lastChunkAt - firstChunkAt) / (chunksSeen - 1);
          }
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
      stopBusWatch();
      subscription.unsubscribe();
      queue.close();
      if (outcome.charge === null) {
        try {
          await chargeRelayed(outcome, relayed, accepted, call, quotedInputTokens);
        } catch (error) {
          logger.error({ err: error, request_id: requestId }, 'pricing a relayed stream failed');
        }
      }
    }
  }
}

/**
 * The stream ended without the llm service's charge (its replica died, NATS went away, or it
 * could not price): the provider read the prompt and generated what was relayed, so charge that
 * — the llm's own usage when it sent one, else counted here — at the price the replica announced.
 */
async function chargeRelayed(
  outcome: CallOutcome,
  relayed: RelayedUsage,
  accepted: LlmChatStreamAccepted,
  call: LlmChatCompleteRequest,
  quotedInputTokens: number | null,
): Promise<void> {
  if (!outcome.usage) {
    outcome.usage = await relayed.count(call.request, quotedInputTokens);
    outcome.usageEstimated = true;
  }
  outcome.charge = chargeAtAcceptedPrice(accepted, outcome.usage);
}

function appendText(outcome: CallOutcome, chunk: ChatCompletionChunk): void {
  const text = outcome.responseText ?? '';
  if (text.length >= MAX_LOGGED_ANSWER_CHARS) return;
  const delta = chunk.choices[0]?.delta.content;
  if (delta) outcome.responseText = (text + delta).slice(0, MAX_LOGGED_ANSWER_CHARS);
}
