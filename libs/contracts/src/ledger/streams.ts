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
