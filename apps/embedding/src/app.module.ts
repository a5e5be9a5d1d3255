import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import type { EmbeddingConfig } from './config/embedding-config.schema';
import { HealthHandler } from './health/health.handler';

@Module({})
export class AppModule {
  static forRoot(config: EmbeddingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'embedding',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [HealthHandler],
    };
  }
}
