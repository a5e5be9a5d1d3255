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
import { RequestLogRepository } from './request-log.repository';

/** Deletes request logs (redacted prompts and answers) once their team's retention is over. */
@Injectable()
export class RequestLogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = createLogger('ledger');
  private readonly job: PeriodicJob;

  constructor(
    private readonly database: LedgerDatabase,
    private readonly logs: RequestLogRepository,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.job = new PeriodicJob(
      'request-log-retention',
      config.LEDGER_RETENTION_INTERVAL_MS,
      () => this.deleteExpired(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** Deletes every expired log, batch by batch; returns how many. */
  async deleteExpired(): Promise<number> {
    const total = await inBatches(this.config.LEDGER_RETENTION_BATCH_SIZE, (size) =>
      this.logs.deleteExpired(this.database.client, size),
    );
    if (total > 0) this.logger.info({ deleted: total }, 'expired request logs deleted');
    return total;
  }
}
