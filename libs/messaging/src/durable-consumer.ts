import { tracer, type Logger } from '@conduit/telemetry';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AckPolicy,
  ConsumerEvents,
  DeliverPolicy,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from 'nats';
import type { DeadLetterReason } from './dead-letter-stream';
import { DeadLetterWriter } from './dead-letter.writer';
import { classifyEventFailure } from './event-failure.classifier';
import { parseEventPayload } from './event-payload';
import {
  backoffDelayMs,
  eventStreamUnavailable as unavailable,
  jsErrorCode,
  JsErrorCodes,
  MSG_ID_HEADER,
  type DurableEventHandler,
  type DurableEventMeta,
  type DurableEventName,
} from './ledger-stream';
import { extractTraceContext } from './trace-headers';

export interface ConsumeDurableOptions {
  /** How long the server waits for an ack before redelivering. Default 30 s. */
  ackWaitMs?: number;
  /** Unacked messages the server lets this durable (all replicas together) hold. Default 1000. */
  maxAckPending?: number;
  /** Handlers this process runs at once. Default 16. */
  concurrency?: number;
  /**
   * Deliveries after which an event whose handler keeps failing for a reason that is neither
   * permanent nor "unavailable" is dead-lettered. Default 10 (about 30 s of backoff).
   */
  maxDeliveries?: number;
}

export interface DurableConsumer {
  /** Stops pulling and waits for the handlers in flight (their messages still get acked). */
  stop(): Promise<void>;
}

export interface DurableConsumerSetup {
  js: JetStreamClient;
  jsm: JetStreamManager;
  streamName: string;
  durableName: string;
  /** Prefixed subject → event: how a message on the shared stream is told apart. */
  eventBySubject: ReadonlyMap<string, DurableEventName>;
  handler: DurableEventHandler;
  options: ConsumeDurableOptions;
  /** Takes what cannot be processed; the original is retired only after it stored the copy. */
  deadLetters: DeadLetterWriter;
  logger: Logger;
}

type UncheckedHandler = (
  event: DurableEventName,
  payload: unknown,
  meta: DurableEventMeta,
) => Promise<void>;

const DEFAULT_ACK_WAIT_MS = 30_000;
const DEFAULT_MAX_ACK_PENDING = 1000;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_MAX_DELIVERIES = 10;
const NAK_DELAY_CAP_MS = 5_000;
const PULL_EXPIRES_MS = 10_000;

/**
 * The pull loop of one durable consumer in this process: bounded concurrency, ack after the
 * handler resolves, nak with a growing delay when it throws. What cannot be processed (invalid,
 * failing permanently, or failing past `maxDeliveries`) is copied to the dead-letter stream and
 * then terminated, so no event holds an ack-pending slot — and the events of other tenants
 * behind it — for longer than its bounded retries.
 */
export class DurableConsumerLoop {
  private readonly streamName: string;
  private readonly durableName: string;
  private readonly logger: Logger;
  private readonly maxDeliveries: number;

  constructor(private readonly setup: DurableConsumerSetup) {
    this.streamName = setup.streamName;
    this.durableName = setup.durableName;
    this.logger = setup.logger;
    this.maxDeliveries = Math.max(1, setup.options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES);
  }

  async start(): Promise<DurableConsumer> {
    const { options } = this.setup;
    const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    await this.ensureConsumer();
    let messages: ConsumerMessages;
    try {
      const consumer = await this.setup.js.consumers.get(this.streamName, this.durableName);
      messages = await consumer.consume({
        max_messages: Math.max(concurrency * 2, 4),
        // Pull requests last this long; half of it is the heartbeat whose absence makes the
        // client start over (e.g. after the consumer was deleted and recreated). 10 s bounds
        // that recovery without loading the server (one request per replica per 10 s).
        expires: PULL_EXPIRES_MS,
      });
    } catch (error) {
      throw unavailable(`Cannot consume '${this.durableName}' on '${this.streamName}'.`, error);
    }
    void this.watch(messages);

    const inFlight = new Set<Promise<void>>();
    let stopping = false;
    const loop = (async () => {
      for await (const message of messages) {
        if (stopping) {
          // Pulled but not started: hand it straight back so another replica takes it now.
          message.nak();
          continue;
        }
        const task = this.process(message).finally(() => inFlight.delete(task));
        inFlight.add(task);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    })().catch((error: unknown) => {
      this.logger.error({ err: error, durable: this.durableName }, 'durable consumer stopped');
    });

    let stopped: Promise<void> | undefined;
    return {
      stop: () => {
        stopped ??= (async () => {
          stopping = true;
          await messages.close();
          await loop;
          await Promise.allSettled(inFlight);
        })();
        return stopped;
      },
    };
  }

  private async process(message: JsMsg): Promise<void> {
    const durableName = this.durableName;
    const meta: DurableEventMeta = {
      msgId: message.headers?.get(MSG_ID_HEADER) || undefined,
      deliveryCount: message.info.deliveryCount,
      streamSeq: message.seq,
    };
    const event = this.setup.eventBySubject.get(message.subject);
    const parsed = event ? parseEventPayload(event, message.data) : undefined;
    if (!event || !parsed?.ok) {
      // Never retried (it would come back forever), never dropped (it may be money).
      const reason = parsed && !parsed.ok ? parsed.reason : 'unknown subject';
      await this.deadLetter(message, { event, reason: 'invalid', error: reason }, meta);
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
        (this.setup.handler as unknown as UncheckedHandler)(event, parsed.payload, meta),
      );
      message.ack();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      const kind = classifyEventFailure(error);
      if (kind === 'permanent') {
        await this.deadLetter(message, { event, reason: 'permanent', error }, meta);
        return;
      }
      // `unavailable` (the database or another dependency down for every event alike) is
      // retried without bound: counting it would move the whole stream to the dead letters
      // during an outage. Its deliveries still count towards the bound should the failure turn
      // into another kind later — such an event is dead-lettered and replayable, never lost.
      if (kind === 'transient' && meta.deliveryCount >= this.maxDeliveries) {
        await this.deadLetter(message, { event, reason: 'exhausted', error }, meta);
        return;
      }
      const delayMs = backoffDelayMs(meta.deliveryCount - 1, 250, NAK_DELAY_CAP_MS);
      this.logger.error(
        { err: error, event, durable: durableName, ...meta, failure: kind, retryInMs: delayMs },
        'durable event handler failed; it will be redelivered',
      );
      // The delay is kept by the server: this process's handler slot is free at once.
      message.nak(delayMs);
    } finally {
      span.end();
    }
  }

  /**
   * Copies the message to the dead-letter stream, then terminates it. If the copy cannot be
   * stored (NATS trouble), the message is redelivered later instead: retired without a copy,
   * it would be lost.
   */
  private async deadLetter(
    message: JsMsg,
    failure: { event: DurableEventName | undefined; reason: DeadLetterReason; error: unknown },
    meta: DurableEventMeta,
  ): Promise<void> {
    const log = { subject: message.subject, durable: this.durableName, ...meta };
    try {
      await this.setup.deadLetters.write(message, failure);
    } catch (error) {
      const delayMs = backoffDelayMs(meta.deliveryCount - 1, 250, NAK_DELAY_CAP_MS);
      this.logger.error(
        { ...log, err: error, retryInMs: delayMs },
        'cannot dead-letter a durable event; it will be redelivered',
      );
      message.nak(delayMs);
      return;
    }
    this.logger.error(
      { ...log, event: failure.event, reason: failure.reason, err: failure.error },
      'durable event moved to the dead-letter stream',
    );
    // No reason on the wire: nats-server 2.9 ignores a `+TERM <reason>` it cannot parse.
    message.term();
  }

  private async ensureConsumer(): Promise<void> {
    const { jsm, options } = this.setup;
    const durableName = this.durableName;
    const config: Partial<ConsumerConfig> = {
      durable_name: durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
      max_ack_pending: options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
      // Unbounded on the server: the bound is ours (maxDeliveries), and it ends in the
      // dead-letter stream, where the server's own limit would just drop the event.
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
  private async watch(messages: ConsumerMessages): Promise<void> {
    const durableName = this.durableName;
    try {
      for await (const status of await messages.status()) {
        if (
          status.type === ConsumerEvents.ConsumerNotFound ||
          status.type === ConsumerEvents.ConsumerDeleted
        ) {
          this.logger.warn({ durable: durableName }, 'durable consumer missing; recreating it');
          await this.ensureConsumer().catch((error: unknown) =>
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
}
