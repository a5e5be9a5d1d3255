import { DomainError } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { headers as natsHeaders, type JetStreamClient, type JsMsg } from 'nats';
import { Counter } from 'prom-client';
import {
  DEAD_LETTER_REASONS,
  DeadLetterHeaders,
  deadLetterSubject,
  type DeadLetterReason,
} from './dead-letter-stream';
import { DURABLE_EVENTS, MSG_ID_HEADER, type DurableEventName } from './ledger-stream';

const deadLettered = new Counter({
  name: 'conduit_dead_letter_events_total',
  help: 'Durable events moved to the dead-letter stream (unprocessed until replayed).',
  labelNames: ['event', 'reason'],
  registers: [metricsRegistry],
});

/** Long enough for a Postgres error and its cause; headers are not a log. */
const MAX_ERROR_CHARS = 1_000;
const PUBLISH_TIMEOUT_MS = 5_000;

export interface DeadLetterWriterSetup {
  js: JetStreamClient;
  subjectPrefix: string | undefined;
  durableName: string;
}

export interface DeadLetterFailure {
  /** Undefined when the subject named no durable event. */
  event: DurableEventName | undefined;
  reason: DeadLetterReason;
  /** What went wrong: the handler's error, or why the payload was refused. */
  error: unknown;
}

/**
 * Stores a copy of a message that cannot be processed — same data, same headers (trace context
 * included), plus what failed and where it came from — in the dead-letter stream, and counts
 * it. Only once that is acknowledged may the caller retire the original.
 */
export class DeadLetterWriter {
  constructor(private readonly setup: DeadLetterWriterSetup) {
    // Every series exists from the start at 0, so the alert's increase() sees the first one.
    for (const event of DURABLE_EVENTS) {
      for (const reason of DEAD_LETTER_REASONS) deadLettered.labels(event, reason).inc(0);
    }
  }

  async write(message: JsMsg, failure: DeadLetterFailure): Promise<void> {
    const headers = natsHeaders();
    const original = message.headers;
    for (const key of original?.keys() ?? []) {
      // JetStream's own (`Nats-Msg-Id`, `Nats-Expected-Stream` of a replay…) would steer this
      // publish: de-duplicate it, or make the dead-letter stream refuse it.
      if (/^nats-/i.test(key)) continue;
      for (const value of original!.values(key)) headers.append(key, value);
    }
    const msgId = original?.get(MSG_ID_HEADER);
    if (msgId) headers.set(DeadLetterHeaders.originalMsgId, msgId);
    const event = failure.event ?? 'unknown';
    headers.set(DeadLetterHeaders.subject, message.subject);
    headers.set(DeadLetterHeaders.event, event);
    headers.set(DeadLetterHeaders.reason, failure.reason);
    headers.set(DeadLetterHeaders.error, headerText(describe(failure.error)));
    headers.set(DeadLetterHeaders.errorType, errorType(failure.error));
    headers.set(DeadLetterHeaders.stream, message.info.stream);
    headers.set(DeadLetterHeaders.streamSeq, String(message.seq));
    headers.set(DeadLetterHeaders.deliveries, String(message.info.deliveryCount));
    headers.set(DeadLetterHeaders.consumer, this.setup.durableName);
    headers.set(DeadLetterHeaders.time, new Date().toISOString());
    await this.setup.js.publish(
      deadLetterSubject({ subjectPrefix: this.setup.subjectPrefix }, event),
      message.data,
      {
        headers,
        // A redelivery after a crash between this publish and the term stores no second copy.
        msgID: `${message.info.stream}:${message.seq}`,
        timeout: PUBLISH_TIMEOUT_MS,
      },
    );
    deadLettered.labels(event, failure.reason).inc();
  }
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (!(error instanceof Error)) return String(error);
  const own = error instanceof DomainError ? `${error.type}: ${error.message}` : error.message;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${own} (cause: ${cause})` : own;
}

function errorType(error: unknown): string {
  if (error instanceof DomainError) return error.type;
  if (error instanceof Error) return error.name;
  return 'invalid_payload';
}

/** Header values are one line (nats refuses CR/LF) and this one must stay small. */
function headerText(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS)}…` : line;
}
