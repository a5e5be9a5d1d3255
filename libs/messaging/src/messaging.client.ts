import {
  DomainError,
  domainErrorFromPayload,
  InternalError,
  ServiceUnavailableError,
  SubjectContracts,
  type EventContracts,
  type EventName,
  type EventOf,
  type RequestOf,
  type ResponseOf,
  type SubjectName,
} from '@conduit/contracts';
import { createLogger, type Logger, tracer } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createInbox, headers as natsHeaders, type NatsConnection, type Subscription } from 'nats';
import type { z } from 'zod';
import { BusConnectionMonitor } from './bus-connection.monitor';
import { encodeEvent, parseEventPayload } from './event-payload';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
  prefixedSubject,
} from './messaging.options';
import { recordHop, type HopOutcome } from './messaging-metrics';
import { mapNatsError } from './nats-error.mapper';
import {
  DEFAULT_REPLY_LIVENESS_MS,
  LIVENESS_HEADER,
  ReplyLivenessWatch,
  type LivenessWatch,
} from './reply-liveness.watch';
import { extractTraceContext, injectTraceHeaders } from './trace-headers';
import { decodeJson, encodeJson, ReplyEnvelopeSchema } from './wire-format';

export interface RequestOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
  /**
   * Ask the replica handling the request for heartbeats and fail with 503 `replica_lost` when
   * neither the reply nor a heartbeat arrives within the liveness window (the client's
   * `replyLivenessMs`, else 3 s). Default: on when the client sets `replyLivenessMs`. A number
   * is the window itself, for work that may keep a replica's event loop busy for seconds
   * (chunking and embedding a megabyte document), which would otherwise look like a dead one.
   */
  liveness?: boolean | number;
  /** Send to this replica's own subject (`<subject>.<replica>`, see `@HandlePerReplica`). */
  replica?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function wireSubject(
  messagingOptions: MessagingOptions,
  subject: string,
  options: RequestOptions,
): string {
  const prefixed = prefixedSubject(messagingOptions, subject);
  return options.replica ? `${prefixed}.${options.replica}` : prefixed;
}

/** Typed request/reply over NATS: the subject picks the payload and response types. */
@Injectable()
export class MessagingClient {
  private readonly logger: Logger;
  private readonly bus: BusConnectionMonitor;
  private readonly liveness: ReplyLivenessWatch;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.logger = createLogger(options.serviceName);
    this.bus = new BusConnectionMonitor(connection, (error) =>
      this.logger.error({ err: error }, 'connection listener failed'),
    );
    this.liveness = new ReplyLivenessWatch(connection);
  }

  async request<S extends SubjectName>(
    subject: S,
    payload: RequestOf<S>,
    options: RequestOptions = {},
  ): Promise<ResponseOf<S>> {
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const span = tracer().startSpan(`send ${subject}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'messaging.system': 'nats',
        'messaging.destination.name': subject,
        'messaging.operation.type': 'send',
      },
    });
    // Unsubscribed in finally; set before anything can throw.
    let stopWatching: (() => void) | undefined;
    let watch: LivenessWatch | undefined;
    const startedAt = performance.now();
    // Until a reply arrives the hop has failed; a reply says ok or error.
    let outcome: HopOutcome = 'failed';
    try {
      // nats.js would buffer the request until NATS is back and time it out long after.
      if (!this.bus.connected) throw busUnavailable();
      const headers = injectTraceHeaders(trace.setSpan(context.active(), span), natsHeaders());
      for (const [key, value] of Object.entries(options.headers ?? {})) headers.set(key, value);
      // Settled only when the request must end early: the bus went away or the replica did.
      let abandon!: (error: DomainError) => void;
      const abandoned = new Promise<never>((_, reject) => (abandon = reject));
      // Rejected at most once, and only while the race below listens; never unhandled anyway.
      abandoned.catch(() => undefined);
      stopWatching = this.bus.onLost(() => abandon(busUnavailable()));
      const livenessMs = this.livenessWindow(options);
      if (livenessMs !== undefined) {
        watch = this.liveness.watch(livenessMs, () => abandon(replicaLost(subject, livenessMs)));
        headers.set(LIVENESS_HEADER, watch.subject);
      }
      let reply;
      try {
        // The nats.js request left behind by an abandoned race times out on its own; race()
        // has already attached a handler to its rejection.
        reply = await Promise.race([
          this.connection.request(
            wireSubject(this.options, subject, options),
            encodeJson(payload),
            {
              timeout: timeoutMs,
              headers,
            },
          ),
          abandoned,
        ]);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        // nats.js rejects pending requests with a Timeout when the connection closes: say what happened.
        if (this.connection.isClosed() || this.connection.isDraining()) {
          throw new ServiceUnavailableError(
            'The message bus connection is closing (service shutting down).',
            {
              code: 'bus_closing',
            },
          );
        }
        throw mapNatsError(error, subject, timeoutMs);
      }
      const envelope = ReplyEnvelopeSchema.safeParse(decodeJson(reply.data));
      outcome = 'error';
      if (!envelope.success) throw new InternalError(`'${subject}' sent a malformed reply.`);
      if (!envelope.data.ok) throw domainErrorFromPayload(envelope.data.error);
      const parsed = SubjectContracts[subject].response.safeParse(envelope.data.data);
      if (!parsed.success) {
        throw new InternalError(`'${subject}' replied with a payload that breaks its contract.`, {
          details: { issues: parsed.error.issues.slice(0, 3).map((issue) => issue.message) },
        });
      }
      outcome = 'ok';
      return parsed.data as ResponseOf<S>;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      recordHop(subject, outcome, startedAt);
      stopWatching?.();
      watch?.stop();
      span.end();
    }
  }

  private livenessWindow(options: RequestOptions): number | undefined {
    const configured = this.options.replyLivenessMs;
    if (options.liveness === false) return undefined;
    if (options.liveness === true) return configured ?? DEFAULT_REPLY_LIVENESS_MS;
    if (typeof options.liveness === 'number') return options.liveness;
    return configured;
  }

  /** Fire-and-forget publish of raw JSON, e.g. to a stream inbox or a cancel subject. */
  publish(subject: string, payload: unknown): void {
    this.connection.publish(subject, encodeJson(payload));
  }

  /** A subject only this process listens on (streams reply on one). */
  createInbox(): string {
    return createInbox();
  }

  /**
   * Subscription on a subject used exactly as given (no prefix, no queue group), e.g. a stream
   * inbox or a per-replica cancel subject. The caller validates what arrives; a body that is
   * not JSON arrives as `null`, so it fails that validation instead of throwing here.
   */
  subscribe(subject: string, onMessage: (data: unknown) => void): Subscription {
    return this.connection.subscribe(subject, {
      callback: (error, message) => {
        if (error) return;
        let data: unknown = null;
        try {
          data = decodeJson(message.data);
        } catch {
          // left as null: see above
        }
        onMessage(data);
      },
    });
  }

  /**
   * Publishes an event on core NATS (at most once, to whoever listens right now), e.g.
   * `ledger.v1.key.invalidated`. Durable events go through DurableEvents instead.
   */
  publishEvent<E extends EventName>(event: E, payload: z.input<(typeof EventContracts)[E]>): void {
    const data = encodeEvent(event, payload);
    const span = tracer().startSpan(`send ${event}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.destination.name': event,
        'messaging.operation.type': 'send',
      },
    });
    try {
      const headers = injectTraceHeaders(trace.setSpan(context.active(), span), natsHeaders());
      this.connection.publish(prefixedSubject(this.options, event), data, { headers });
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  /**
   * Every replica receives the event (no queue group): for state each replica holds, like the
   * gateway's key cache. A body that breaks the contract is logged and dropped; a handler
   * error is logged, never thrown into the NATS client.
   */
  subscribeEvent<E extends EventName>(
    event: E,
    handler: (payload: EventOf<E>) => void | Promise<void>,
  ): Subscription {
    return this.connection.subscribe(prefixedSubject(this.options, event), {
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, event }, 'event subscription error');
          return;
        }
        const parsed = parseEventPayload(event, message.data);
        if (!parsed.ok) {
          this.logger.warn({ event, reason: parsed.reason }, 'dropped an invalid event');
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
            },
          },
          parent,
        );
        const fail = (failure: unknown) => {
          span.recordException(failure as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (failure as Error).message });
          this.logger.error({ err: failure, event }, 'event handler failed');
        };
        void (async () => {
          try {
            await context.with(trace.setSpan(parent, span), () => handler(parsed.payload));
          } catch (failure) {
            fail(failure);
          } finally {
            span.end();
          }
        })();
      },
    });
  }

  /**
   * Runs the listener after every reconnection to NATS: core-NATS events published while
   * this process was disconnected are lost, so whoever caches on the strength of them
   * (the gateway's key cache) must start over.
   */
  onReconnect(listener: () => void): void {
    this.bus.onRestored(listener);
  }

  /**
   * Runs the listener each time the NATS connection is lost, e.g. to end a stream at once
   * (nothing more will arrive on its inbox until NATS is back). Returns the unsubscribe.
   */
  onDisconnect(listener: () => void): () => void {
    return this.bus.onLost(listener);
  }

  /** False while NATS is unreachable (reconnecting), closing or closed. */
  isConnected(): boolean {
    return this.bus.connected && !this.connection.isClosed() && !this.connection.isDraining();
  }
}

function busUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError('The message bus (NATS) is not connected; retry shortly.', {
    code: 'bus_unavailable',
  });
}

function replicaLost(subject: string, windowMs: number): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `The ${subject.split('.')[0]} replica handling '${subject}' stopped answering (no heartbeat for ${windowMs} ms).`,
    { code: 'replica_lost' },
  );
}
