import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import type { GuardrailsConfig } from './config/guardrails-config.schema';
import { HealthHandler } from './health/health.handler';

@Module({})
export class AppModule {
  static forRoot(config: GuardrailsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'guardrails',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [HealthHandler],
    };
  }
}
