import type { ServiceName } from '@conduit/contracts';

export interface MessagingOptions {
  /** Queue group and connection name: every replica of a service shares it. */
  serviceName: ServiceName;
  natsUrl: string;
  /** Prepended (with a dot) to every subject; isolates environments sharing one NATS. */
  subjectPrefix?: string;
  /** Default request/reply timeout. */
  requestTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export function prefixedSubject(
  options: Pick<MessagingOptions, 'subjectPrefix'>,
  subject: string,
): string {
  return options.subjectPrefix ? `${options.subjectPrefix}.${subject}` : subject;
}
