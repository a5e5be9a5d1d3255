import { createLogger } from '@conduit/telemetry';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { inBatches } from '../common/in-batches';
import { PeriodicJob } from '../common/periodic-job';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import { LedgerDatabase } from '../database/ledger-database';
import { readBudgetUtilization } from '../metrics/budget-utilization.query';
import { setActiveReservations, watchBudgetUtilization } from '../metrics/ledger-metrics';
import { BudgetReservationRepository } from './budget-reservation.repository';

/**
 * Gives back the budget held by requests that never reported their usage (a gateway crashed,
 * an event was lost before it was published). Safe to run on every replica at once. Also feeds
 * the budget gauges: the holds it finds active, and utilisation (read at scrape time).
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = createLogger('ledger');
  private readonly job: PeriodicJob;
  private unwatchUtilization?: () => void;

  constructor(
    private readonly database: LedgerDatabase,
    private readonly reservations: BudgetReservationRepository,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.job = new PeriodicJob(
      'reservation-sweep',
      config.LEDGER_RESERVATION_SWEEP_MS,
      () => this.sweep(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
    this.unwatchUtilization = watchBudgetUtilization(() =>
      readBudgetUtilization(this.database.client),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.unwatchUtilization?.();
    this.unwatchUtilization = undefined;
    await this.job.stop();
  }

  /**
   * Releases every expired hold, batch by batch; returns how many. Then counts the holds left
   * for the `conduit_budget_reservations_active` gauge (an index-only count of active rows).
   */
  async sweep(): Promise<number> {
    const total = await inBatches(this.config.LEDGER_RESERVATION_SWEEP_BATCH_SIZE, (size) =>
      this.reservations.releaseExpired(this.database.client, size),
    );
    if (total > 0) this.logger.info({ released: total }, 'expired budget reservations released');
    setActiveReservations(await this.reservations.countActive(this.database.client));
    return total;
  }
}
