import { InternalError, ServiceUnavailableError, type EventContracts } from '@conduit/contracts';
import { createLogger, type Logger, tracer } from '@conduit/telemetry';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AckPolicy,
  ConsumerEvents,
  DeliverPolicy,
  ErrorCode,
  headers as natsHeaders,
  NatsError,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { encodeEvent, parseEventPayload } from './event-payload';
import {
  backoffDelayMs,
  DEFAULT_STREAM_MAX_AGE_MS,
  DURABLE_EVENTS,
  isTransientPublishError,
  jsErrorCode,
  JsErrorCodes,
  ledgerStreamConfig,
  ledgerStreamName,
  type DurableEventHandler,
  type DurableEventMeta,
  type DurableEventName,
} from './ledger-stream';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
  prefixedSubject,
} from './messaging.options';
import { extractTraceContext, injectTraceHeaders } from './trace-headers';

export interface PublishDurableOptions {
  /** The JetStream message id (`Nats-Msg-Id`): the request id, so a retry is not stored twice. */
  msgId: string;
  /** Total time to get the event stored, retries included. Default 30 s. */
  timeoutMs?: number;
}

export interface ConsumeDurableOptions {
  /** How long the server waits for an ack before redelivering. Default 30 s. */
  ackWaitMs?: number;
  /** Unacked messages the server lets this durable (all replicas together) hold. Default 1000. */
  maxAckPending?: number;
  /** Handlers this process runs at once. Default 16. */
  concurrency?: number;
}

export interface DurableConsumer {
  /** Stops pulling and waits for the handlers in flight (their messages still get acked). */
  stop(): Promise<void>;
}

type UncheckedHandler = (
  event: DurableEventName,
  payload: unknown,
  meta: DurableEventMeta,
) => Promise<void>;

/** What `msgID` becomes on the wire (nats.js does not export its name). */
const MSG_ID_HEADER = 'Nats-Msg-Id';
const DEFAULT_PUBLISH_TIMEOUT_MS = 30_000;
/**
 * One publish attempt waits at most this long for its PubAck (normally milliseconds) before
 * retrying: a request sent into a server restart is lost, and the retry is what recovers it.
 */
const ATTEMPT_TIMEOUT_MS = 2_000;
const DEFAULT_ACK_WAIT_MS = 30_000;
const DEFAULT_MAX_ACK_PENDING = 1000;
const DEFAULT_CONCURRENCY = 16;
const NAK_DELAY_CAP_MS = 5_000;

function unavailable(message: string, cause?: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(message, { code: 'event_stream_unavailable', cause });
}

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
  async ensureLedgerStream(options: { maxAgeMs?: number } = {}): Promise<void> {
    const jsm = await this.manager();
    const config = ledgerStreamConfig(
      this.streamName,
      [...this.eventBySubject.keys()],
      options.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS,
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
   * says which event it is.
   */
  async consumeDurable(
    durableName: string,
    handler: DurableEventHandler,
    options: ConsumeDurableOptions = {},
  ): Promise<DurableConsumer> {
    const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    await this.ensureConsumer(durableName, options);
    let messages: ConsumerMessages;
    try {
      const consumer = await this.jetstream().consumers.get(this.streamName, durableName);
      messages = await consumer.consume({ max_messages: Math.max(concurrency * 2, 4) });
    } catch (error) {
      throw unavailable(`Cannot consume '${durableName}' on '${this.streamName}'.`, error);
    }
    void this.watchConsumer(messages, durableName, options);

    const inFlight = new Set<Promise<void>>();
    let stopping = false;
    const loop = (async () => {
      for await (const message of messages) {
        if (stopping) {
          // Pulled but not started: hand it straight back so another replica takes it now.
          message.nak();
          continue;
        }
        const task = this.process(message, durableName, handler).finally(() =>
          inFlight.delete(task),
        );
        inFlight.add(task);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    })().catch((error: unknown) => {
      this.logger.error({ err: error, durable: durableName }, 'durable consumer stopped');
    });

    let stopped: Promise<void> | undefined;
    const handle: DurableConsumer = {
      stop: () => {
        stopped ??= (async () => {
          stopping = true;
          await messages.close();
          await loop;
          await Promise.allSettled(inFlight);
          this.consumers.delete(handle);
        })();
        return stopped;
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  private async process(
    message: JsMsg,
    durableName: string,
    handler: DurableEventHandler,
  ): Promise<void> {
    const meta: DurableEventMeta = {
      msgId: message.headers?.get(MSG_ID_HEADER) || undefined,
      deliveryCount: message.info.deliveryCount,
      streamSeq: message.seq,
    };
    const event = this.eventBySubject.get(message.subject);
    const parsed = event ? parseEventPayload(event, message.data) : undefined;
    if (!event || !parsed?.ok) {
      // A poison message is retired, never retried: it would come back forever.
      const reason = parsed && !parsed.ok ? parsed.reason : 'unknown subject';
      this.logger.error(
        { subject: message.subject, durable: durableName, ...meta, reason },
        'terminated an invalid durable event',
      );
      // No reason on the wire: nats-server 2.9 ignores a `+TERM <reason>` it cannot parse.
      message.term();
      return;
    }
    const parent = extractTraceContext(message.headers);
    const span = tracer().startSpan(
      `process ${event}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': event,
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': durableName,
          'messaging.message.id': meta.msgId ?? '',
          'messaging.nats.delivery_count': meta.deliveryCount,
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), () =>
        // The subject decided `event` and its schema `payload`, so they match as the type says.
        (handler as unknown as UncheckedHandler)(event, parsed.payload, meta),
      );
      message.ack();
    } catch (error) {
      const delayMs = backoffDelayMs(meta.deliveryCount - 1, 250, NAK_DELAY_CAP_MS);
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      this.logger.error(
        { err: error, event, durable: durableName, ...meta, retryInMs: delayMs },
        'durable event handler failed; it will be redelivered',
      );
      message.nak(delayMs);
    } finally {
      span.end();
    }
  }

  private async ensureConsumer(durableName: string, options: ConsumeDurableOptions): Promise<void> {
    const jsm = await this.manager();
    const config: Partial<ConsumerConfig> = {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
      max_ack_pending: options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
      // Failing handlers retry forever (with backoff): usage must never be dropped.
      max_deliver: -1,
    };
    try {
      const { config: current } = await jsm.consumers.info(this.streamName, durableName);
      if (
        current.ack_wait !== config.ack_wait ||
        current.max_ack_pending !== config.max_ack_pending
      ) {
        await jsm.consumers.update(this.streamName, durableName, {
          ack_wait: config.ack_wait,
          max_ack_pending: config.max_ack_pending,
        });
      }
      return;
    } catch (error) {
      const code = jsErrorCode(error);
      if (code === JsErrorCodes.streamNotFound) {
        throw unavailable(
          `The JetStream stream '${this.streamName}' does not exist: call ensureLedgerStream() first.`,
          error,
        );
      }
      if (code !== JsErrorCodes.consumerNotFound) {
        throw unavailable(`Cannot read the consumer '${durableName}'.`, error);
      }
    }
    try {
      await jsm.consumers.add(this.streamName, config);
    } catch (error) {
      // Another replica created it between our info and add: theirs is as good as ours.
      const code = jsErrorCode(error);
      if (code !== JsErrorCodes.consumerNameExists && code !== JsErrorCodes.consumerAlreadyExists) {
        throw unavailable(`Cannot create the consumer '${durableName}'.`, error);
      }
    }
  }

  /** Logs what the pull loop reports and recreates the consumer if someone deleted it. */
  private async watchConsumer(
    messages: ConsumerMessages,
    durableName: string,
    options: ConsumeDurableOptions,
  ): Promise<void> {
    try {
      for await (const status of await messages.status()) {
        if (status.type === ConsumerEvents.ConsumerNotFound) {
          this.logger.warn({ durable: durableName }, 'durable consumer missing; recreating it');
          await this.ensureConsumer(durableName, options).catch((error: unknown) =>
            this.logger.error({ err: error, durable: durableName }, 'cannot recreate consumer'),
          );
        } else if (
          status.type === ConsumerEvents.StreamNotFound ||
          status.type === ConsumerEvents.HeartbeatsMissed ||
          status.type === ConsumerEvents.NoResponders
        ) {
          this.logger.warn(
            { durable: durableName, status: status.type, data: status.data },
            'durable consumer cannot pull',
          );
        }
      }
    } catch (error) {
      this.logger.error({ err: error, durable: durableName }, 'durable consumer status failed');
    }
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
