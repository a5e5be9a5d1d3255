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
            const logger = createLogger('ledger');
            if (config.LEDGER_MIGRATE_ON_BOOT) {
              const applied = await runMigrations(config);
              if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
            }
            const database = LedgerDatabase.open(config);
            if (database.kind === 'pglite') {
              logger.warn(
                { dataDir: config.LEDGER_DATA_DIR },
                'No DATABASE_URL: the ledger uses embedded PGlite (run one ledger replica only)',
              );
            }
            return database;
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
