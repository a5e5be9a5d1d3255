import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import type { LedgerConfig } from './config/ledger-config.schema';
import { HealthHandler } from './health/health.handler';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'ledger',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [HealthHandler],
    };
  }
}
