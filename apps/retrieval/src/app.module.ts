import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import type { RetrievalConfig } from './config/retrieval-config.schema';
import { HealthHandler } from './health/health.handler';

@Module({})
export class AppModule {
  static forRoot(config: RetrievalConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'retrieval',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [HealthHandler],
    };
  }
}
