import { MessagingModule } from '@conduit/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { SemanticCacheHandler } from './cache/semantic-cache.handler';
import { SemanticCacheService } from './cache/semantic-cache.service';
import { CollectionRegistry } from './collections/collection-registry';
import { CollectionsHandler } from './collections/collections.handler';
import { CollectionsService } from './collections/collections.service';
import type { RetrievalConfig } from './config/retrieval-config.schema';
import { RETRIEVAL_CONFIG } from './config/retrieval-config.token';
import { DocumentWriter } from './documents/document-writer';
import { DocumentsHandler } from './documents/documents.handler';
import { DocumentsService } from './documents/documents.service';
import { EmbeddingClient } from './embedding/embedding.client';
import { MeteredEmbedder } from './embedding/metered-embedder.service';
import { HealthHandler } from './health/health.handler';
import { BudgetHolder } from './metering/budget-hold.service';
import { SearchHandler } from './search/search.handler';
import { SearchService } from './search/search.service';
import { openVectorStore } from './store/vector-store.factory';
import { VectorStoreLifecycle } from './store/vector-store.lifecycle';
import { VECTOR_STORE } from './store/vector-store.token';

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
      providers: [
        { provide: RETRIEVAL_CONFIG, useValue: config },
        { provide: VECTOR_STORE, useFactory: () => openVectorStore(config) },
        VectorStoreLifecycle,
        EmbeddingClient,
        BudgetHolder,
        MeteredEmbedder,
        CollectionRegistry,
        CollectionsService,
        DocumentWriter,
        DocumentsService,
        SearchService,
        SemanticCacheService,
        CollectionsHandler,
        DocumentsHandler,
        SearchHandler,
        SemanticCacheHandler,
        HealthHandler,
      ],
    };
  }
}
