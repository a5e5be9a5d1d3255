import type { UsageEvent } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { LedgerDatabase } from '../database/ledger-database';
import { UsageRecordingRepository } from './usage-recording.repository';

/**
 * Books one usage event, exactly once however often it is delivered: the usage row (keyed by
 * request id), the daily rollup, the budgets' spend and the settlement of the request's hold
 * commit together, and only the first delivery gets past the usage row.
 */
@Injectable()
export class UsageRecorder {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly usage: UsageRecordingRepository,
  ) {}

  /** Returns false when the event had been recorded before (a redelivery). */
  record(event: UsageEvent): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      if (!(await this.usage.insertEvent(tx, event))) return false;
      const reservation = await this.usage.lockReservation(tx, event.requestId);
      const active = reservation?.status === 'active';
      await this.usage.chargeBudgets(
        tx,
        { keyId: event.keyId, userId: event.userId, teamId: event.teamId },
        BigInt(event.costMicroUsd),
        active
          ? { amount: reservation.amount, budgetIds: reservation.budget_ids }
          : { amount: 0n, budgetIds: [] },
      );
      if (active) {
        // A failure that cost nothing gives the hold back; anything else settles it.
        const released = event.costMicroUsd === 0 && event.status !== 'success';
        await this.usage.closeReservation(tx, event.requestId, released ? 'released' : 'settled');
      }
      await this.usage.addToDailyRollup(tx, event);
      return true;
    });
  }
}
