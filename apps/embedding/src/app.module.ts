import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { EmbeddingBatchers } from './batching/embedding-batchers.service';
import { vectorCacheProvider } from './cache/vector-cache.provider';
import { EmbeddingCatalog } from './catalog/embedding-catalog.service';
import type { EmbeddingConfig } from './config/embedding-config.schema';
import { EMBEDDING_CONFIG } from './config/embedding-config.token';
import { EmbeddingHandler } from './embed/embedding.handler';
import { EmbeddingService } from './embed/embedding.service';
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
      providers: [
        { provide: EMBEDDING_CONFIG, useValue: config },
        EmbeddingCatalog,
        EmbeddingBatchers,
        vectorCacheProvider(config),
        EmbeddingService,
        EmbeddingHandler,
        HealthHandler,
      ],
    };
  }
}
