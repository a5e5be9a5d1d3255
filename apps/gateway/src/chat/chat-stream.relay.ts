import {
  ChatStreamEventSchema,
  domainErrorFromPayload,
  InternalError,
  Subjects,
  TimeoutError,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type DomainError,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { toHttpError } from '../http/openai-error';
import { SseWriter } from './sse.writer';
import { StreamEventQueue } from './stream-event.queue';

/**
 * Relays an llm stream from NATS to the client as SSE, without buffering. A client that goes
 * away cancels the upstream call; a lost, malformed or silent stream ends in an SSE error
 * event, never in a silent end.
 */
@Injectable()
export class ChatStreamRelay {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async relay(
    requestId: string,
    request: ChatCompletionRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const idleMs = this.config.GATEWAY_STREAM_IDLE_TIMEOUT_MS;
    const queue = new StreamEventQueue<unknown>();
    const inbox = this.messaging.createInbox();
    const subscription = this.messaging.subscribe(inbox, (event) => queue.push(event));
    let accepted;
    try {
      // Refusals (unknown model, provider said no) come back here, before any SSE byte.
      accepted = await this.messaging.request(
        Subjects.llmChatStream,
        { requestId, request, inbox },
        { timeoutMs: idleMs },
      );
    } catch (error) {
      subscription.unsubscribe();
      queue.close();
      throw error;
    }

    reply.hijack();
    const sse = new SseWriter(reply.raw);
    sse.open({ 'x-request-id': requestId, 'x-conduit-served-by': accepted.model });
    let finished = false;
    const cancel = (reason: string) => {
      if (!finished) this.messaging.publish(accepted.cancelSubject, { requestId, reason });
    };
    reply.raw.once('close', () => {
      if (!finished) {
        cancel('client_disconnected');
        queue.close();
      }
    });
    const fail = async (error: DomainError) => {
      cancel(error.code ?? error.type);
      finished = true;
      await sse.data({ error: toHttpError(error, requestId).body.error });
      sse.end();
    };

    const includeUsage = request.stream_options?.include_usage === true;
    let first: ChatCompletionChunk | undefined;
    try {
      for (let expectedSeq = 0; ; expectedSeq++) {
        const raw = await queue.next(idleMs);
        if (sse.closed) return;
        if (raw === undefined) {
          return await fail(
            new TimeoutError(`The model sent nothing for ${idleMs} ms.`, {
              code: 'stream_idle_timeout',
            }),
          );
        }
        const parsed = ChatStreamEventSchema.safeParse(raw);
        if (!parsed.success) {
          return await fail(
            new InternalError('The llm service sent a malformed stream event.', {
              code: 'stream_malformed',
            }),
          );
        }
        const event = parsed.data;
        if (event.seq !== expectedSeq) {
          return await fail(
            new InternalError('Part of the stream was lost in transit.', { code: 'stream_gap' }),
          );
        }
        if (event.kind === 'chunk') {
          first ??= event.chunk;
          // OpenAI marks every chunk with `usage: null` when usage was asked for.
          await sse.data(includeUsage ? { ...event.chunk, usage: null } : event.chunk);
        } else if (event.kind === 'end') {
          if (includeUsage && first) {
            const { id, created, model } = first;
            await sse.data({
              id,
              object: 'chat.completion.chunk',
              created,
              model,
              choices: [],
              usage: event.usage,
            });
          }
          finished = true;
          sse.done();
          return;
        } else {
          return await fail(domainErrorFromPayload(event.error));
        }
      }
    } finally {
      finished = true;
      subscription.unsubscribe();
      queue.close();
    }
  }
}
