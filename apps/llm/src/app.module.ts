import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { CATALOG_DEFINITION } from './catalog/catalog-definition.token';
import { loadCatalog, type ProviderEnv } from './catalog/catalog.loader';
import { ModelCatalogService } from './catalog/model-catalog.service';
import { ChatStreamService } from './chat/chat-stream.service';
import { ChatHandler } from './chat/chat.handler';
import { TokenCountService } from './chat/token-count.service';
import { ChatService } from './chat/chat.service';
import type { LlmConfig } from './config/llm-config.schema';
import { LLM_CONFIG } from './config/llm-config.token';
import { HealthHandler } from './health/health.handler';
import { ChatRouter } from './routing/chat-router.service';
import { CircuitBreakers } from './routing/circuit-breakers.service';

@Module({})
export class AppModule {
  /** `env` is where provider keys named by the catalog file (`api_key_env`) are read. */
  static forRoot(config: LlmConfig, env: ProviderEnv = process.env): DynamicModule {
    // Loaded here, not in a provider, so a bad catalog fails the boot before NATS is touched.
    const catalog = loadCatalog(config, env);
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
        { provide: CATALOG_DEFINITION, useValue: catalog },
        ModelCatalogService,
        CircuitBreakers,
        ChatRouter,
        ChatService,
        ChatStreamService,
        ChatHandler,
        TokenCountService,
        HealthHandler,
      ],
    };
  }
}
