import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { ChatStreamRelay } from './chat/chat-stream.relay';
import { ChatController } from './chat/chat.controller';
import type { GatewayConfig } from './config/gateway-config.schema';
import { GATEWAY_CONFIG } from './config/gateway-config.token';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ModelsController } from './models/models.controller';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'gateway',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      controllers: [ChatController, ModelsController, HealthController, MetricsController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, ChatStreamRelay],
    };
  }
}
