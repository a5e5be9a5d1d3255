import { Subjects, type ComponentHealth } from '@conduit/contracts';
import { Handle, healthReport } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { DatabaseHealthRepository } from './database-health.repository';

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthHandler {
  constructor(private readonly database: DatabaseHealthRepository) {}

  @Handle(Subjects.ledgerHealthCheck)
  async check() {
    return healthReport('ledger', { database: await this.databaseHealth() });
  }

  /** Down rather than slow: a readiness probe must not hang on a stuck pool. */
  private async databaseHealth(): Promise<ComponentHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.database.ping(), timeout]);
      return { status: 'up', detail: this.database.kind };
    } catch (error) {
      return { status: 'down', detail: `${this.database.kind}: ${(error as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }
}
