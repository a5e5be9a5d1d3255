import {
  domainErrorFromPayload,
  InternalError,
  ServiceUnavailableError,
  SubjectContracts,
  type RequestOf,
  type ResponseOf,
  type SubjectName,
} from '@conduit/contracts';
import { tracer } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createInbox, headers as natsHeaders, type NatsConnection, type Subscription } from 'nats';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
  prefixedSubject,
} from './messaging.options';
import { mapNatsError } from './nats-error.mapper';
import { injectTraceHeaders } from './trace-headers';
import { decodeJson, encodeJson, ReplyEnvelopeSchema } from './wire-format';

export interface RequestOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Typed request/reply over NATS: the subject picks the payload and response types. */
@Injectable()
export class MessagingClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

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
    try {
      const headers = injectTraceHeaders(trace.setSpan(context.active(), span), natsHeaders());
      for (const [key, value] of Object.entries(options.headers ?? {})) headers.set(key, value);
      let reply;
      try {
        reply = await this.connection.request(
          prefixedSubject(this.options, subject),
          encodeJson(payload),
          {
            timeout: timeoutMs,
            headers,
          },
        );
      } catch (error) {
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
      if (!envelope.success) throw new InternalError(`'${subject}' sent a malformed reply.`);
      if (!envelope.data.ok) throw domainErrorFromPayload(envelope.data.error);
      const parsed = SubjectContracts[subject].response.safeParse(envelope.data.data);
      if (!parsed.success) {
        throw new InternalError(`'${subject}' replied with a payload that breaks its contract.`, {
          details: { issues: parsed.error.issues.slice(0, 3).map((issue) => issue.message) },
        });
      }
      return parsed.data as ResponseOf<S>;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
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

  isConnected(): boolean {
    return !this.connection.isClosed() && !this.connection.isDraining();
  }
}
