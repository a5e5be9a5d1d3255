import { Events, LedgerStream, ServiceUnavailableError, type EventOf } from '@conduit/contracts';
import {
  DiscardPolicy,
  ErrorCode,
  NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from 'nats';

/** The events that travel on the ledger's JetStream stream (at least once, de-duplicated). */
export const DURABLE_EVENTS = [Events.ledgerUsageRecorded, Events.ledgerRequestLogged] as const;
export type DurableEventName = (typeof DURABLE_EVENTS)[number];

/** One delivered durable event: the name discriminates the payload's type. */
export type DurableEvent = {
  [E in DurableEventName]: { event: E; payload: EventOf<E> };
}[DurableEventName];

export interface DurableEventMeta {
  /** The publisher's `Nats-Msg-Id` (the request id), the key for idempotent writes. */
  msgId: string | undefined;
  /** 1 on first delivery, more on redeliveries. */
  deliveryCount: number;
  streamSeq: number;
}

/**
 * A durable-event handler, `(event, payload, meta)`. Typed as a union of tuples so that
 * checking `event` narrows `payload`. Its promise resolving is what acks the message, so it
 * resolves only once the event is committed.
 */
export type DurableEventHandler = (
  ...args: {
    [E in DurableEventName]: [event: E, payload: EventOf<E>, meta: DurableEventMeta];
  }[DurableEventName]
) => Promise<void>;

/** What `msgID` becomes on the wire (nats.js does not export its name). */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

export const DEFAULT_STREAM_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** How long JetStream remembers a msg id: a publisher's retries must all land inside it. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * `CONDUIT_LEDGER`, or `CONDUIT_LEDGER_<PREFIX>` when subjects are prefixed, so every
 * environment (and every test run) sharing one NATS gets its own stream; stream names may not
 * contain `.`, `*`, `>` and friends, hence the sanitising.
 */
export function ledgerStreamName(subjectPrefix?: string): string {
  if (!subjectPrefix) return LedgerStream.baseName;
  return `${LedgerStream.baseName}_${subjectPrefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
}

export function ledgerStreamConfig(
  name: string,
  subjects: string[],
  maxAgeMs: number,
  duplicateWindowMs = DUPLICATE_WINDOW_MS,
): Partial<StreamConfig> & { name: string } {
  return {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(maxAgeMs),
    // The server refuses a window longer than the retention.
    duplicate_window: nanos(Math.min(duplicateWindowMs, maxAgeMs)),
  };
}

/** JetStream API error codes we act on (nats-server `errors.json`). */
export const JsErrorCodes = {
  streamNotFound: 10059,
  streamNameInUse: 10058,
  consumerNotFound: 10014,
  consumerNameExists: 10013,
  consumerAlreadyExists: 10105,
} as const;

export function jsErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.jsError()?.err_code : undefined;
}

/**
 * Failures worth retrying a publish for: the stream did not answer (timeout), nothing
 * answered (no stream bound yet, JetStream restarting, or a cluster electing a leader), or
 * the connection is between servers.
 */
export function isTransientPublishError(error: unknown): boolean {
  if (!(error instanceof NatsError)) return false;
  switch (error.code as ErrorCode) {
    case ErrorCode.Timeout:
    case ErrorCode.NoResponders:
    case ErrorCode.Disconnect:
    case ErrorCode.ConnectionRefused:
    case ErrorCode.ConnectionTimeout:
      return true;
    default:
      return false;
  }
}

/** Exponential backoff with full jitter, so replicas retrying together spread out. */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Every failure to reach the ledger stream, so callers can tell it from other outages. */
export function eventStreamUnavailable(message: string, cause?: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(message, { code: 'event_stream_unavailable', cause });
}
