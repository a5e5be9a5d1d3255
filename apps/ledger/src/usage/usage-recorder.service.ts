import type { UsageEvent } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { LedgerDatabase } from '../database/ledger-database';
import { UsageRecordingRepository } from './usage-recording.repository';

/**
 * Books one usage event, exactly once however often it is delivered: the usage row (keyed by
 * request id), the daily rollup, the budgets' spend and the settlement of the request's hold
 * commit together (one statement), and only the first delivery gets past the usage row.
 */
@Injectable()
export class UsageRecorder {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly usage: UsageRecordingRepository,
  ) {}

  /** Returns false when the event had been recorded before (a redelivery). */
  record(event: UsageEvent): Promise<boolean> {
    return this.usage.record(this.database, event);
  }
}
