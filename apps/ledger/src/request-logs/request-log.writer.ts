import type { RequestLogEvent } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BatchWriter } from '../common/batch-writer';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import { databaseFailureKind } from '../database/database-failure';
import { LedgerDatabase } from '../database/ledger-database';
import { RequestLogRepository } from './request-log.repository';

/**
 * Stores request logs from the event stream, those that arrive together in one statement (see
 * `BatchWriter`); a log Postgres refuses fails alone. Idempotent by request id.
 */
@Injectable()
export class RequestLogWriter {
  private readonly batches: BatchWriter<RequestLogEvent, boolean>;

  constructor(
    database: LedgerDatabase,
    logs: RequestLogRepository,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.batches = new BatchWriter({
      maxBatch: config.LEDGER_BATCH_MAX_EVENTS,
      writeBatch: (batch) => logs.insertBatch(database, batch),
      isItemFault: (error) => databaseFailureKind(error) === 'data',
      keyOf: (log) => log.requestId,
    });
  }

  /** Resolves after the log's batch committed: false when it was stored before. */
  store(log: RequestLogEvent): Promise<boolean> {
    return this.batches.write(log);
  }
}
