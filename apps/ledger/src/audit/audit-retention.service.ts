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
import { AuditRepository } from './audit.repository';

/**
 * Deletes audit entries older than LEDGER_AUDIT_RETENTION_DAYS, in batches of
 * LEDGER_RETENTION_BATCH_SIZE every LEDGER_RETENTION_INTERVAL_MS (as request logs expire).
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = createLogger('ledger');
  private readonly job: PeriodicJob;

  constructor(
    private readonly database: LedgerDatabase,
    private readonly audit: AuditRepository,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.job = new PeriodicJob(
      'audit-retention',
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

  /** Deletes every entry past retention, batch by batch; returns how many. */
  async deleteExpired(): Promise<number> {
    const total = await inBatches(this.config.LEDGER_RETENTION_BATCH_SIZE, (size) =>
      this.audit.deleteOlderThan(
        this.database.client,
        this.config.LEDGER_AUDIT_RETENTION_DAYS,
        size,
      ),
    );
    if (total > 0) this.logger.info({ deleted: total }, 'audit entries past retention deleted');
    return total;
  }
}
