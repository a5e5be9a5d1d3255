import type { DomainError, ServiceName } from '@conduit/contracts';

export interface MessagingOptions {
  /** Queue group and connection name: every replica of a service shares it. */
  serviceName: ServiceName;
  natsUrl: string;
  /** Prepended (with a dot) to every subject; isolates environments sharing one NATS. */
  subjectPrefix?: string;
  /** Default request/reply timeout. */
  requestTimeoutMs?: number;
  /**
   * When set, every request asks the replica handling it for heartbeats and fails with 503
   * `replica_lost` when neither its reply nor a heartbeat arrives for this long — a dead replica
   * is then noticed in seconds, not at the request timeout. Unset: only on requests that ask.
   */
  replyLivenessMs?: number;
  /**
   * Classifies what a handler threw that is not a DomainError (a driver's error, say), e.g. the
   * ledger's unreachable database as a retryable 503 instead of a 500. Undefined: internal_error.
   */
  classifyHandlerError?: (error: unknown) => DomainError | undefined;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export function prefixedSubject(
  options: Pick<MessagingOptions, 'subjectPrefix'>,
  subject: string,
): string {
  return options.subjectPrefix ? `${options.subjectPrefix}.${subject}` : subject;
}
