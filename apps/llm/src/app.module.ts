import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { ModelCatalogService } from './catalog/model-catalog.service';
import { ChatStreamService } from './chat/chat-stream.service';
import { ChatHandler } from './chat/chat.handler';
import { ChatService } from './chat/chat.service';
import type { LlmConfig } from './config/llm-config.schema';
import { LLM_CONFIG } from './config/llm-config.token';
import { HealthHandler } from './health/health.handler';

@Module({})
export class AppModule {
  static forRoot(config: LlmConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: 'llm',
          natsUrl: config.NATS_URL,
          subjectPrefix: config.NATS_SUBJECT_PREFIX,
        }),
      ],
      providers: [
        { provide: LLM_CONFIG, useValue: config },
        ModelCatalogService,
        ChatService,
        ChatStreamService,
        ChatHandler,
        HealthHandler,
      ],
    };
  }
}
