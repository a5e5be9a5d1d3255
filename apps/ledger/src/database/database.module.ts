import { createLogger } from '@conduit/telemetry';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LedgerDatabase } from './ledger-database';
import { runMigrations } from './migration-runner';

/** Migrates (when configured), then opens the database; closes it last at shutdown. */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(LedgerDatabase) private readonly database: LedgerDatabase) {}

  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: LedgerDatabase,
          useFactory: async () => {
            if (config.LEDGER_MIGRATE_ON_BOOT) {
              const applied = await runMigrations(config);
              if (applied.length > 0) {
                createLogger('ledger').info({ applied }, 'database migrations applied');
              }
            }
            return LedgerDatabase.open(config);
          },
        },
      ],
      exports: [LedgerDatabase],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
