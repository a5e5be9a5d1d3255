import { DeadLetterStream } from '@conduit/contracts';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import { eventStreamUnavailable as unavailable, jsErrorCode, JsErrorCodes } from './ledger-stream';
import { prefixedSubject, type MessagingOptions } from './messaging.options';

/** `CONDUIT_DEAD_LETTER`, or `_<PREFIX>` like the ledger stream, so each test run has its own. */
export function deadLetterStreamName(subjectPrefix?: string): string {
  if (!subjectPrefix) return DeadLetterStream.baseName;
  return `${DeadLetterStream.baseName}_${subjectPrefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
}

/**
 * Where a dead event of `event` (unprefixed name, `unknown` when its subject named no event)
 * is stored: `[<prefix>.]deadletter.v1.<event>`, so `list --event` is a subject filter.
 */
export function deadLetterSubject(
  options: Pick<MessagingOptions, 'subjectPrefix'>,
  event: string,
): string {
  return prefixedSubject(options, `${DeadLetterStream.subjectRoot}.${event}`);
}

/**
 * Headers a dead letter carries besides the original ones. The original `Nats-Msg-Id` moves to
 * `Conduit-Original-Msg-Id`: left in place, JetStream would de-duplicate on it, and a
 * re-dead-lettered replay inside the window would vanish.
 */
export const DeadLetterHeaders = {
  originalMsgId: 'Conduit-Original-Msg-Id',
  subject: 'Conduit-Dead-Letter-Subject',
  event: 'Conduit-Dead-Letter-Event',
  reason: 'Conduit-Dead-Letter-Reason',
  error: 'Conduit-Dead-Letter-Error',
  errorType: 'Conduit-Dead-Letter-Error-Type',
  stream: 'Conduit-Dead-Letter-Stream',
  streamSeq: 'Conduit-Dead-Letter-Stream-Seq',
  deliveries: 'Conduit-Dead-Letter-Deliveries',
  consumer: 'Conduit-Dead-Letter-Consumer',
  time: 'Conduit-Dead-Letter-Time',
} as const;

/** Why an event was dead-lettered (the `reason` label and header). */
export type DeadLetterReason = 'invalid' | 'permanent' | 'exhausted';
export const DEAD_LETTER_REASONS: readonly DeadLetterReason[] = [
  'invalid',
  'permanent',
  'exhausted',
];

/**
 * Kept until replayed or purged by an operator: no age or size limit, since what is in it is
 * unbilled money and the alert on the dead-letter counter is what calls for a look.
 */
export function deadLetterStreamConfig(
  name: string,
  subjectPrefix?: string,
): Partial<StreamConfig> & { name: string } {
  return {
    name,
    subjects: [deadLetterSubject({ subjectPrefix }, '>')],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
  };
}

/** Creates the dead-letter stream unless it exists (replicas racing at boot both succeed). */
export async function ensureDeadLetterStream(
  jsm: JetStreamManager,
  subjectPrefix?: string,
): Promise<string> {
  const config = deadLetterStreamConfig(deadLetterStreamName(subjectPrefix), subjectPrefix);
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (jsErrorCode(error) !== JsErrorCodes.streamNameInUse) {
      throw unavailable(`Cannot create the JetStream stream '${config.name}'.`, error);
    }
  }
  return config.name;
}
