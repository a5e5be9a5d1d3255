import { randomUUID } from 'node:crypto';
import {
  DomainError,
  formatZodIssue,
  InternalError,
  SubjectContracts,
  ValidationError,
  type SubjectName,
} from '@conduit/contracts';
import { createLogger, tracer } from '@conduit/telemetry';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ErrorCode, NatsError, type Msg, type NatsConnection, type Subscription } from 'nats';
import { HANDLE_PER_REPLICA, HANDLE_SUBJECT, type HandlerContext } from './handle.decorator';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
  prefixedSubject,
} from './messaging.options';
import { isHealthCheckSubject, replicaHealthSubject, replicaName } from './replica-name';
import { recordHandled } from './messaging-metrics';
import { startReplyHeartbeat } from './reply-heartbeat';
import { extractTraceContext } from './trace-headers';
import { decodeJson, encodeJson, type ReplyEnvelope } from './wire-format';

type BoundHandler = (payload: unknown, context: HandlerContext) => unknown;

/** How long shutdown waits for requests already being handled. */
const IN_FLIGHT_SHUTDOWN_WAIT_MS = 10_000;
/** How long boot waits for the server to confirm the handlers' subscriptions. */
const SUBSCRIBED_WAIT_MS = 2_000;

/**
 * Finds every @Handle method and subscribes it in the service's queue group, so replicas
 * share the load. Validates payloads, continues the caller's trace, and turns thrown
 * errors into error replies. A health check (`*.health.check`) is also subscribed outside the
 * queue group on `<subject>.replica.<replica name>`, so one replica can be asked about itself.
 */
@Injectable()
export class HandlerRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger;
  /** Names this process's per-replica subjects (`@HandlePerReplica`). */
  readonly replicaId = randomUUID().replaceAll('-', '');
  /**
   * Names this replica's own health check subject: `CONDUIT_REPLICA_NAME`, else the host name
   * (stable across restarts of a container, unlike `replicaId`).
   */
  readonly replicaName = replicaName();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.logger = createLogger(options.serviceName);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscribeHandlers();
    // The SUBs are written at the end of this turn (see coalesceWritesPerTurn); wait until the
    // server has them, so a service that finished booting is reachable at once. Bounded: with
    // NATS down, boot goes on and the subscriptions are sent when the connection is back.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.connection.flush().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBED_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  private subscribeHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName] as BoundHandler;
        const subject = this.reflector.get<SubjectName | undefined>(HANDLE_SUBJECT, method);
        if (!subject) continue;
        const perReplica = this.reflector.get<boolean | undefined>(HANDLE_PER_REPLICA, method);
        const bound: BoundHandler = (payload, context) => method.call(instance, payload, context);
        this.subscribe(subject, bound, perReplica === true);
        if (perReplica !== true && isHealthCheckSubject(subject)) {
          this.subscribe(subject, bound, true, replicaHealthSubject(subject, this.replicaName));
        }
      }
    }
  }

  /**
   * `perReplica`: outside the queue group, on `<subject>.<replicaId>` or on `replicaSubject`
   * (unprefixed) when given.
   */
  private subscribe(
    subject: SubjectName,
    handler: BoundHandler,
    perReplica: boolean,
    replicaSubject?: string,
  ): void {
    const wire = prefixedSubject(this.options, subject);
    const own = replicaSubject
      ? prefixedSubject(this.options, replicaSubject)
      : `${wire}.${this.replicaId}`;
    const subscription = this.connection.subscribe(perReplica ? own : wire, {
      ...(perReplica ? {} : { queue: this.options.serviceName }),
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'subscription error');
          return;
        }
        const dispatched = this.dispatch(subject, handler, message);
        this.inFlight.add(dispatched);
        void dispatched.finally(() => this.inFlight.delete(dispatched));
      },
    });
    this.subscriptions.push(subscription);
    this.logger.debug(
      {
        subject: subscription.getSubject(),
        queue: perReplica ? undefined : this.options.serviceName,
      },
      'handler subscribed',
    );
  }

  private async dispatch(subject: SubjectName, handler: BoundHandler, message: Msg): Promise<void> {
    const startedAt = performance.now();
    const parent = extractTraceContext(message.headers);
    const span = tracer().startSpan(
      `process ${subject}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': subject,
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': this.options.serviceName,
        },
      },
      parent,
    );
    let reply: ReplyEnvelope;
    // The caller asked to know that this replica is still working on its request.
    const stopBeating = startReplyHeartbeat(this.connection, message.headers);
    try {
      const payload = this.parse(subject, message.data);
      const data = await context.with(trace.setSpan(parent, span), () =>
        handler(payload, { subject, headers: message.headers, replica: this.replicaId }),
      );
      reply = { ok: true, data };
      recordHandled(subject, 'ok', startedAt);
    } catch (error) {
      const domainError = this.toDomainError(error, subject);
      span.setStatus({ code: SpanStatusCode.ERROR, message: domainError.message });
      span.setAttribute('error.type', domainError.type);
      reply = { ok: false, error: domainError.toPayload() };
      recordHandled(subject, domainError.type, startedAt);
    } finally {
      stopBeating?.();
    }
    span.end();
    if (message.reply) this.respond(subject, message, reply);
  }

  /**
   * A reply that cannot be sent — most often one larger than the server's max_payload, which
   * nats.js refuses by throwing — becomes an error reply the caller can act on, instead of a
   * request left to time out and a rejection that would take the whole process down.
   */
  private respond(subject: SubjectName, message: Msg, reply: ReplyEnvelope): void {
    try {
      message.respond(encodeJson(reply));
      return;
    } catch (error) {
      this.logger.error({ err: error, subject }, 'reply could not be sent');
      if (!reply.ok) return;
      const tooLarge =
        error instanceof NatsError && (error.code as ErrorCode) === ErrorCode.MaxPayloadExceeded;
      const failure = new InternalError(
        tooLarge
          ? `The reply to '${subject}' is larger than the message bus accepts; ask for less at once.`
          : `The reply to '${subject}' could not be sent.`,
        { code: tooLarge ? 'reply_too_large' : 'reply_failed' },
      );
      try {
        message.respond(encodeJson({ ok: false, error: failure.toPayload() }));
      } catch (second) {
        this.logger.error({ err: second, subject }, 'error reply could not be sent either');
      }
    }
  }

  private parse(subject: SubjectName, data: Uint8Array): unknown {
    let raw: unknown;
    try {
      raw = decodeJson(data);
    } catch {
      throw new ValidationError(`'${subject}' received a payload that is not JSON.`, {
        code: 'invalid_json',
      });
    }
    const result = SubjectContracts[subject].request.safeParse(raw);
    if (!result.success) {
      const issue = formatZodIssue(result.error);
      throw new ValidationError(issue.message, { code: issue.code, param: issue.param });
    }
    return result.data;
  }

  private toDomainError(error: unknown, subject: string): DomainError {
    if (error instanceof DomainError) return error;
    const classified = this.options.classifyHandlerError?.(error);
    if (classified) {
      this.logger.warn({ err: error, subject, type: classified.type }, 'handler failed');
      return classified;
    }
    this.logger.error({ err: error, subject }, 'handler failed unexpectedly');
    return new InternalError('The service failed unexpectedly; the error was logged.');
  }

  /**
   * Before anything closes (the ledger's database pool, the NATS connection): stop taking
   * requests, then let the ones already here finish and reply, so a rolling restart answers them
   * instead of failing them half-way. Bounded, so a stuck handler cannot block shutdown.
   */
  async beforeApplicationShutdown(): Promise<void> {
    // drain, not unsubscribe: a request the server routed here before it saw the UNSUB is
    // still handled (an unsubscribe would drop it and leave its caller to time out).
    const drained = this.subscriptions.map((subscription) =>
      subscription.drain().catch(() => undefined),
    );
    this.subscriptions.length = 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(drained).then(() => Promise.allSettled([...this.inFlight])),
      new Promise((resolve) => (timer = setTimeout(resolve, IN_FLIGHT_SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
}
