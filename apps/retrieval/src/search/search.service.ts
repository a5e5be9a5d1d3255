import type {
  ContextBuildRequest,
  GroundingContext,
  SearchRequest,
  SearchResult,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { TokenCounter } from '../chunking/token-counter';
import { CollectionNotFoundError } from '../collections/collection-not-found.error';
import { CollectionsService } from '../collections/collections.service';
import { assertDimensions } from '../embedding/embedding-dimensions';
import { MeteredEmbedder } from '../embedding/metered-embedder.service';
import { timedSearch } from '../metrics/retrieval-metrics';
import { parseMetadataFilter } from '../store/metadata-filter';
import type { VectorStore } from '../store/vector-store';
import { VectorCollectionNotFoundError } from '../store/vector-collection-not-found.error';
import { VECTOR_STORE } from '../store/vector-store.token';
import { assembleContext } from './context-assembler';
import { toStoreFilter } from './metadata-filter.mapper';

/**
 * Search over a tenant's collection, and the grounding context built from it. The query is
 * embedded as metered work (priced and held before it is embedded), with the collection's
 * model; the tenant and metadata filter travel into the store's own query.
 */
@Injectable()
export class SearchService {
  private readonly counter = new TokenCounter();

  constructor(
    private readonly collections: CollectionsService,
    private readonly embedder: MeteredEmbedder,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  search(request: SearchRequest): Promise<SearchResult> {
    return timedSearch(() => this.searchUntimed(request));
  }

  private async searchUntimed(request: SearchRequest): Promise<SearchResult> {
    const collection = await this.collections.require(request.tenantId, request.collection);
    const filter = toStoreFilter(request.filter);
    // A filter the store would refuse is refused before anything is held or embedded.
    parseMetadataFilter(filter);
    const embedded = await this.embedder.embed({
      requestId: request.requestId,
      model: collection.embeddingModel,
      allowedModels: request.allowedModels,
      budget: request.budget,
      texts: [request.query],
    });
    assertDimensions(collection, embedded.dimensions);
    let hits;
    try {
      hits = await this.store.search(
        collection.physicalName,
        request.tenantId,
        embedded.vectors[0],
        {
          topK: request.topK,
          filter,
          scoreThreshold: request.scoreThreshold ?? undefined,
        },
      );
    } catch (error) {
      if (error instanceof VectorCollectionNotFoundError) {
        throw new CollectionNotFoundError(request.collection);
      }
      throw error;
    }
    return {
      hits: hits.map((hit) => ({
        document_id: hit.documentId,
        chunk_index: hit.chunkIndex,
        score: hit.score,
        text: hit.text,
        metadata: hit.metadata,
      })),
      embedding: embedded.usage,
    };
  }

  async buildContext(request: ContextBuildRequest): Promise<GroundingContext> {
    const { hits, embedding } = await this.search(request);
    return { ...assembleContext(hits, request.maxContextTokens, this.counter), embedding };
  }
}
