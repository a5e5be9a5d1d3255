import { CommonConfigSchema, envInt } from '@conduit/config';
import { z } from 'zod';

const positive = (fallback: number) => envInt(fallback).pipe(z.int().min(1));

/** Every environment variable the ledger service reads. */
export const LedgerConfigSchema = CommonConfigSchema.extend({
  /**
   * Postgres (`postgresql://user@host:5432/db`, `?schema=name` picks the schema). Unset: the
   * embedded PGlite under LEDGER_DATA_DIR (one ledger replica only).
   */
  DATABASE_URL: z
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgresql:// URL')
    .optional(),
  /** Where the embedded PGlite database lives when DATABASE_URL is unset. */
  LEDGER_DATA_DIR: z.string().min(1).default('.data/ledger'),
  /** Connections each replica keeps to Postgres. */
  LEDGER_DB_POOL_SIZE: positive(10),
  /** Apply pending migrations at boot (replicas take turns under an advisory lock). */
  LEDGER_MIGRATE_ON_BOOT: z.stringbool().default(true),
  /** Request-log retention of a team created without one. */
  LEDGER_DEFAULT_RETENTION_DAYS: envInt(30).pipe(z.int().min(0).max(3650)),
  /** Lifetime of a budget hold the gateway did not give a TTL for. */
  LEDGER_RESERVATION_TTL_SECONDS: positive(300),
  /** How often expired budget holds are released. */
  LEDGER_RESERVATION_SWEEP_MS: positive(5_000),
  LEDGER_RESERVATION_SWEEP_BATCH_SIZE: positive(500),
  /** How often expired request logs are deleted, and how many per statement. */
  LEDGER_RETENTION_INTERVAL_MS: positive(60_000),
  LEDGER_RETENTION_BATCH_SIZE: positive(1_000),
  /**
   * Days admin audit entries are kept (`audit_events`); older ones are deleted on the same
   * schedule and in the same batches as expired request logs.
   */
  LEDGER_AUDIT_RETENTION_DAYS: envInt(365).pipe(z.int().min(1).max(36_500)),
  /**
   * Usage and request-log events the consumer handles at once in this replica: those that
   * arrive while a batch is written wait to form the next one, so this bounds the batch size.
   */
  LEDGER_CONSUMER_CONCURRENCY: positive(256),
  /** Most usage events (and, apart, request logs) written in one statement. */
  LEDGER_BATCH_MAX_EVENTS: positive(200),
  /**
   * Deliveries after which an event that keeps failing (not for a database outage, which is
   * retried without end) goes to the dead-letter stream, so it cannot hold up the others.
   */
  LEDGER_CONSUMER_MAX_DELIVERIES: positive(10),
  /** `GET /metrics` (dead letters, process) on this port; unset: no metrics server. */
  LEDGER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
});
export type LedgerConfig = z.output<typeof LedgerConfigSchema>;
