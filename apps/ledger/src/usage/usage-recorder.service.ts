import type { UsageEvent } from '@conduit/contracts';
import { PermanentEventError } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BatchWriter } from '../common/batch-writer';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import { databaseFailureKind } from '../database/database-failure';
import { LedgerDatabase } from '../database/ledger-database';
import { recordUsageEvent, recordWriteBatch } from '../metrics/ledger-metrics';
import { UsageRecordingRepository } from './usage-recording.repository';

/**
 * Books usage events, exactly once however often each is delivered: the usage row (keyed by
 * request id), the daily rollup, the budgets' spend and the settlement of the request's hold
 * commit together, and only the first delivery gets past the usage row. Events that arrive
 * while a batch is being written are booked together in the next one (one statement, one
 * commit); an event whose values Postgres refuses fails alone.
 */
@Injectable()
export class UsageRecorder {
  private readonly batches: BatchWriter<UsageEvent, boolean>;

  constructor(
    database: LedgerDatabase,
    usage: UsageRecordingRepository,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.batches = new BatchWriter({
      maxBatch: config.LEDGER_BATCH_MAX_EVENTS,
      writeBatch: (events) => {
        recordWriteBatch(events.length);
        return usage.recordBatch(database, events);
      },
      isItemFault: (error) => databaseFailureKind(error) === 'data',
      keyOf: (event) => event.requestId,
    });
  }

  /**
   * Resolves after the event's batch committed: false when it had been recorded before. An
   * event Postgres is known to refuse fails at once, before it can join (and fail) a batch of
   * other tenants' events.
   */
  async record(event: UsageEvent): Promise<boolean> {
    const unstorable = unstorableField(event);
    if (unstorable) {
      throw new PermanentEventError(
        `The usage event's ${unstorable} is larger than the ledger can store (${INT4_MAX}).`,
      );
    }
    const recorded = await this.batches.write(event);
    recordUsageEvent(recorded, event.occurredAt);
    return recorded;
  }
}

/** The largest value of Postgres' `integer`, the type of the token and latency columns. */
const INT4_MAX = 2_147_483_647;

const INT4_FIELDS = [
  'inputTokens',
  'outputTokens',
  'cachedTokens',
  'cacheWriteTokens',
  'latencyMs',
  'timeToFirstTokenMs',
] as const;

function unstorableField(event: UsageEvent): string | undefined {
  return INT4_FIELDS.find((field) => (event[field] ?? 0) > INT4_MAX);
}
