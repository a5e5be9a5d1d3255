/**
 * The JetStream stream that carries the ledger's durable events. Subjects are prefixed on the
 * wire like every other subject; the stream name takes a sanitised copy of the prefix so test
 * runs with their own prefix get their own stream.
 */
export const LedgerStream = {
  baseName: 'CONDUIT_LEDGER',
  /** Durable consumer the ledger replicas share. */
  consumer: 'ledger',
} as const;

/**
 * Where a durable event goes when it cannot be processed (invalid, or failing for a reason a
 * retry cannot fix): a stream of its own, named like the ledger stream (`CONDUIT_DEAD_LETTER`,
 * `_<PREFIX>` when subjects are prefixed), one subject per original event under `subjectRoot`.
 */
export const DeadLetterStream = {
  baseName: 'CONDUIT_DEAD_LETTER',
  subjectRoot: 'deadletter.v1',
} as const;
