import {
  packVector,
  unpackVector,
  type SemanticCacheForgetRequest,
  type SemanticCacheIndexRequest,
  type SemanticCacheSearchRequest,
  type SemanticCacheSearchResult,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { MeteredEmbedder } from '../embedding/metered-embedder.service';
import { VectorCollectionNotFoundError } from '../store/vector-collection-not-found.error';
import type { VectorStore } from '../store/vector-store';
import { VECTOR_STORE } from '../store/vector-store.token';
import { semanticCacheCollection } from './semantic-cache-collection';

/** Candidates a search returns: the best few, since some may have expired in the answer cache. */
const CANDIDATES = 3;

/**
 * The semantic response cache's index (see `semantic-cache.schemas.ts`): a point per cached
 * answer, its vector the embedding of the request's last user message, its document id the
 * answer's exact-cache key, its metadata the chat model and the context hash a match must share.
 * The answers themselves, their TTL and purges live in the gateway's exact cache.
 */
@Injectable()
export class SemanticCacheService {
  constructor(
    private readonly embedder: MeteredEmbedder,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async search(request: SemanticCacheSearchRequest): Promise<SemanticCacheSearchResult> {
    const embedded = await this.embedder.embed({
      requestId: request.requestId,
      model: request.embeddingModel,
      allowedModels: request.allowedModels,
      budget: request.budget,
      texts: [request.text],
    });
    const vector = embedded.vectors[0];
    let matches: SemanticCacheSearchResult['matches'] = [];
    try {
      const hits = await this.store.search(
        semanticCacheCollection(request.tenant),
        request.tenant,
        vector,
        {
          topK: CANDIDATES,
          filter: { model: request.model, context: request.contextHash },
          scoreThreshold: request.threshold,
        },
      );
      matches = hits.map((hit) => ({ entryKey: hit.documentId, similarity: hit.score }));
    } catch (error) {
      // No index yet for this tenant: nothing was cached semantically.
      if (!(error instanceof VectorCollectionNotFoundError)) throw error;
    }
    return { matches, vector: packVector(vector), embedding: embedded.usage };
  }

  async index(request: SemanticCacheIndexRequest): Promise<void> {
    const vector = unpackVector(request.vector);
    const collection = semanticCacheCollection(request.tenant);
    await this.store.ensureCollection(collection, vector.length);
    await this.store.upsert(collection, [
      {
        tenantId: request.tenant,
        documentId: request.entryKey,
        chunkIndex: 0,
        text: '',
        metadata: { model: request.model, context: request.contextHash },
        vector,
      },
    ]);
  }

  async forget(request: SemanticCacheForgetRequest): Promise<void> {
    const collection = semanticCacheCollection(request.tenant);
    if (!request.entryKeys) {
      await this.store.dropCollection(collection);
      return;
    }
    for (const entryKey of request.entryKeys) {
      try {
        await this.store.deleteDocument(collection, request.tenant, entryKey);
      } catch (error) {
        if (!(error instanceof VectorCollectionNotFoundError)) throw error;
      }
    }
  }
}
