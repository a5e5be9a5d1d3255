import { InternalError, type EventContracts } from '@conduit/contracts';
import { createLogger, type Logger, tracer } from '@conduit/telemetry';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ErrorCode,
  headers as natsHeaders,
  NatsError,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { deadLetterStreamName, ensureDeadLetterStream } from './dead-letter-stream';
import { DeadLetterWriter } from './dead-letter.writer';
import {
  DurableConsumerLoop,
  type ConsumeDurableOptions,
  type DurableConsumer,
} from './durable-consumer';
import { encodeEvent } from './event-payload';
import {
  backoffDelayMs,
  DEFAULT_STREAM_MAX_AGE_MS,
  DURABLE_EVENTS,
  eventStreamUnavailable as unavailable,
  isTransientPublishError,
  jsErrorCode,
  JsErrorCodes,
  ledgerStreamConfig,
  ledgerStreamName,
  type DurableEventHandler,
  type DurableEventName,
} from './ledger-stream';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
  prefixedSubject,
} from './messaging.options';
import { injectTraceHeaders } from './trace-headers';

export interface PublishDurableOptions {
  /** The JetStream message id (`Nats-Msg-Id`): the request id, so a retry is not stored twice. */
  msgId: string;
  /** Total time to get the event stored, retries included. Default 30 s. */
  timeoutMs?: number;
}

/** What a durable consumer has not finished, as JetStream counts it (all replicas together). */
export interface DurableBacklog {
  /** Events on the stream not yet delivered to any replica. */
  waiting: number;
  /** Events delivered and not yet acked (being processed, or awaiting redelivery). */
  inFlight: number;
  /**
   * Age of the event just past the ack floor (every event before it is done), seconds; 0 with
   * nothing outstanding. An upper bound: that event may itself be acked, out of order.
   */
  oldestAgeSeconds: number;
}

const DEFAULT_PUBLISH_TIMEOUT_MS = 30_000;
/**
 * One publish attempt waits at most this long for its PubAck (normally milliseconds) before
 * retrying: a request sent into a server restart is lost, and the retry is what recovers it.
 */
const ATTEMPT_TIMEOUT_MS = 2_000;

/**
 * At-least-once events over JetStream for the ledger (usage and request logs): the gateway
 * publishes with the request id as message id, so JetStream drops a retried copy; the ledger
 * consumes through one durable pull consumer its replicas share, acking only after commit.
 */
@Injectable()
export class DurableEvents implements OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly streamName: string;
  private readonly eventBySubject: Map<string, DurableEventName>;
  private readonly consumers = new Set<DurableConsumer>();
  private jsm?: Promise<JetStreamManager>;
  private js?: JetStreamClient;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.logger = createLogger(options.serviceName);
    this.streamName = ledgerStreamName(options.subjectPrefix);
    this.eventBySubject = new Map(
      DURABLE_EVENTS.map((event) => [prefixedSubject(options, event), event]),
    );
  }

  /**
   * Creates the ledger stream, or brings its subjects and limits up to date. Publisher and
   * consumer both call it at boot, possibly at the same moment: a create that loses the race
   * falls back to updating what the winner made.
   */
  async ensureLedgerStream(
    options: { maxAgeMs?: number; duplicateWindowMs?: number } = {},
  ): Promise<void> {
    const jsm = await this.manager();
    const config = ledgerStreamConfig(
      this.streamName,
      [...this.eventBySubject.keys()],
      options.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS,
      options.duplicateWindowMs,
    );
    try {
      await jsm.streams.add(config);
      return;
    } catch (error) {
      if (jsErrorCode(error) !== JsErrorCodes.streamNameInUse) {
        throw unavailable(`Cannot create the JetStream stream '${this.streamName}'.`, error);
      }
    }
    try {
      const { config: current } = await jsm.streams.info(this.streamName);
      const same =
        current.max_age === config.max_age &&
        current.duplicate_window === config.duplicate_window &&
        [...current.subjects].sort().join() === [...config.subjects!].sort().join();
      if (same) return;
      // Only what may change on a live stream (storage and retention are fixed at creation).
      await jsm.streams.update(this.streamName, {
        ...current,
        subjects: config.subjects,
        max_age: config.max_age,
        duplicate_window: config.duplicate_window,
      });
      this.logger.info({ stream: this.streamName }, 'ledger stream updated');
    } catch (error) {
      throw unavailable(`Cannot update the JetStream stream '${this.streamName}'.`, error);
    }
  }

  /** Deletes this prefix's ledger stream if it exists (test cleanup, operations). */
  async deleteLedgerStream(): Promise<void> {
    const jsm = await this.manager();
    try {
      await jsm.streams.delete(this.streamName);
    } catch (error) {
      if (jsErrorCode(error) !== JsErrorCodes.streamNotFound) throw error;
    }
  }

  /** Deletes this prefix's dead-letter stream if it exists (test cleanup). */
  async deleteDeadLetterStream(): Promise<void> {
    const jsm = await this.manager();
    try {
      await jsm.streams.delete(deadLetterStreamName(this.options.subjectPrefix));
    } catch (error) {
      if (jsErrorCode(error) !== JsErrorCodes.streamNotFound) throw error;
    }
  }

  /**
   * Stores the event in the ledger stream and resolves with its PubAck. Retries (same msg id,
   * so never stored twice) with backoff and jitter while the stream is unreachable, then
   * fails with a ServiceUnavailableError once `timeoutMs` is spent.
   */
  async publishDurable<E extends DurableEventName>(
    event: E,
    payload: z.input<(typeof EventContracts)[E]>,
    options: PublishDurableOptions,
  ): Promise<{ seq: number; duplicate: boolean }> {
    if (!options.msgId) throw new InternalError(`A durable '${event}' needs a msgId.`);
    const data = encodeEvent(event, payload);
    const timeoutMs = options.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const span = tracer().startSpan(`send ${event}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.destination.name': event,
        'messaging.operation.type': 'send',
        'messaging.message.id': options.msgId,
      },
    });
    const headers = injectTraceHeaders(trace.setSpan(context.active(), span), natsHeaders());
    const subject = prefixedSubject(this.options, event);
    let lastError: unknown;
    try {
      for (let attempt = 0; ; attempt++) {
        if (this.connection.isClosed() || this.connection.isDraining()) {
          throw unavailable('The message bus connection is closing (service shutting down).');
        }
        const remaining = deadline - Date.now();
        try {
          const ack = await this.jetstream().publish(subject, data, {
            msgID: options.msgId,
            headers,
            timeout: Math.max(1, Math.min(remaining, ATTEMPT_TIMEOUT_MS)),
          });
          span.setAttribute('messaging.nats.stream.sequence', ack.seq);
          if (ack.duplicate) span.setAttribute('messaging.nats.duplicate', true);
          return { seq: ack.seq, duplicate: ack.duplicate };
        } catch (error) {
          if (!isTransientPublishError(error)) throw this.publishFailure(event, error);
          lastError = error;
        }
        const left = deadline - Date.now();
        if (left <= 0) break;
        await sleep(Math.min(left, backoffDelayMs(attempt, 50, 2_000)));
      }
      throw unavailable(
        `The ledger event stream did not store '${event}' within ${timeoutMs} ms ` +
          `(${(lastError as Error | undefined)?.message ?? 'no answer'}).`,
        lastError,
      );
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  /**
   * Runs `handler` for every event on the ledger stream through the durable pull consumer
   * `durableName` (created if missing). Replicas using the same name share the work. One
   * consumer covers both subjects (nats-server 2.9 has no multi-subject filters); the subject
   * says which event it is. Events it cannot process go to the dead-letter stream (created
   * here): see DurableConsumerLoop.
   */
  async consumeDurable(
    durableName: string,
    handler: DurableEventHandler,
    options: ConsumeDurableOptions = {},
  ): Promise<DurableConsumer> {
    const jsm = await this.manager();
    await ensureDeadLetterStream(jsm, this.options.subjectPrefix);
    const loop = await new DurableConsumerLoop({
      js: this.jetstream(),
      jsm,
      streamName: this.streamName,
      durableName,
      eventBySubject: this.eventBySubject,
      handler,
      options,
      deadLetters: new DeadLetterWriter({
        js: this.jetstream(),
        subjectPrefix: this.options.subjectPrefix,
        durableName,
      }),
      logger: this.logger,
    }).start();
    const handle: DurableConsumer = {
      stop: async () => {
        await loop.stop();
        this.consumers.delete(handle);
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  /**
   * The backlog of the durable consumer `durableName`: one consumer-info request, plus one
   * message lookup (its timestamp) when something is outstanding. For metrics, not hot paths.
   */
  async backlog(durableName: string): Promise<DurableBacklog> {
    const jsm = await this.manager();
    const info = await jsm.consumers.info(this.streamName, durableName);
    const waiting = info.num_pending;
    const inFlight = info.num_ack_pending;
    if (waiting + inFlight === 0) return { waiting, inFlight, oldestAgeSeconds: 0 };
    // Limits retention keeps acked events, so the one after the ack floor is still stored.
    const oldest = await jsm.streams.getMessage(this.streamName, {
      seq: info.ack_floor.stream_seq + 1,
    });
    const oldestAgeSeconds = Math.max(0, (Date.now() - oldest.time.getTime()) / 1000);
    return { waiting, inFlight, oldestAgeSeconds };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  private publishFailure(event: string, error: unknown): Error {
    if (error instanceof NatsError && error.code === (ErrorCode.MaxPayloadExceeded as string)) {
      return new InternalError(`The '${event}' event is larger than the message bus accepts.`);
    }
    return unavailable(
      `The ledger event stream refused '${event}': ${(error as Error).message}`,
      error,
    );
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= this.connection.jetstreamManager().catch((error: unknown) => {
      this.jsm = undefined;
      throw unavailable('JetStream is not available on the message bus (NATS).', error);
    });
    return this.jsm;
  }

  private jetstream(): JetStreamClient {
    this.js ??= this.connection.jetstream();
    return this.js;
  }
}
