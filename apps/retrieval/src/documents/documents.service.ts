import {
  DomainError,
  domainErrorFromPayload,
  type DocumentUpsertRequest,
  type DocumentUpsertResult,
  type EmbeddingUsage,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { CollectionNotFoundError } from '../collections/collection-not-found.error';
import type { CollectionRecord } from '../collections/collection-record';
import { CollectionsService } from '../collections/collections.service';
import type { RetrievalConfig } from '../config/retrieval-config.schema';
import { RETRIEVAL_CONFIG } from '../config/retrieval-config.token';
import { assertDimensions } from '../embedding/embedding-dimensions';
import { MeteredEmbedder } from '../embedding/metered-embedder.service';
import { recordIngest } from '../metrics/retrieval-metrics';
import type { VectorStore } from '../store/vector-store';
import { VectorCollectionNotFoundError } from '../store/vector-collection-not-found.error';
import { VECTOR_STORE } from '../store/vector-store.token';
import { chunkDocuments, type ChunkedDocument } from './document-chunker';
import { DocumentWriter } from './document-writer';

export interface DocumentRef {
  tenantId: string;
  collection: string;
  documentId: string;
}

/**
 * Ingest and removal of a tenant's documents. Ingest is all-or-nothing per document up to
 * the store: chunk, price and hold, embed every chunk of every document, and only then
 * write — so a refused budget or an embedding failure stores nothing at all.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly collections: CollectionsService,
    private readonly embedder: MeteredEmbedder,
    private readonly writer: DocumentWriter,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
    @Inject(RETRIEVAL_CONFIG) private readonly config: RetrievalConfig,
  ) {}

  async upsert(request: DocumentUpsertRequest): Promise<DocumentUpsertResult> {
    const collection = await this.collections.require(request.tenantId, request.collection);
    const documents = await chunkDocuments(request.documents, {
      maxTokens: this.config.RETRIEVAL_CHUNK_TOKENS,
      overlapTokens: this.config.RETRIEVAL_CHUNK_OVERLAP_TOKENS,
    });
    const chunks = documents.flatMap((document) => document.chunks);
    const embedded = await this.embedder.embed({
      requestId: request.requestId,
      model: collection.embeddingModel,
      allowedModels: request.allowedModels,
      budget: request.budget,
      texts: chunks.map((chunk) => chunk.text),
      inputTokens: chunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0),
    });
    assertDimensions(collection, embedded.dimensions);
    await this.writeAll(collection, request.tenantId, documents, embedded.vectors, embedded.usage);
    recordIngest(documents.length, chunks.length);
    return {
      documents: documents.map((document) => ({
        id: document.id,
        chunks: document.chunks.length,
      })),
      embedding: embedded.usage,
    };
  }

  async delete(ref: DocumentRef): Promise<{ chunks: number }> {
    const collection = await this.collections.require(ref.tenantId, ref.collection);
    try {
      return {
        chunks: await this.store.deleteDocument(
          collection.physicalName,
          ref.tenantId,
          ref.documentId,
        ),
      };
    } catch (error) {
      if (error instanceof VectorCollectionNotFoundError) {
        throw new CollectionNotFoundError(ref.collection);
      }
      throw error;
    }
  }

  /**
   * One document after another. A failure names what was stored, what was not, and how to
   * repair (send the same request again); its details carry the embedding usage, which was
   * incurred whatever happened to the write.
   */
  private async writeAll(
    collection: CollectionRecord,
    tenantId: string,
    documents: readonly ChunkedDocument[],
    vectors: readonly number[][],
    usage: EmbeddingUsage,
  ): Promise<void> {
    let offset = 0;
    for (const [i, document] of documents.entries()) {
      const count = document.chunks.length;
      try {
        await this.writer.write(collection.physicalName, tenantId, {
          ...document,
          vectors: vectors.slice(offset, offset + count),
        });
      } catch (error) {
        if (error instanceof VectorCollectionNotFoundError) {
          throw new CollectionNotFoundError(collection.name);
        }
        if (!(error instanceof DomainError)) throw error;
        const stored = documents.slice(0, i).map((d) => d.id);
        const payload = error.toPayload();
        throw domainErrorFromPayload({
          ...payload,
          message:
            `${payload.message.replace(/\.$/, '')}. Stored ${stored.length} of ` +
            `${documents.length} documents; '${document.id}' may be partly written, later ones ` +
            'were not. Sending the same request again (same document ids) repairs it.',
          details: {
            ...payload.details,
            storedDocuments: stored,
            failedDocument: document.id,
            embedding: usage,
          },
        });
      }
      offset += count;
    }
  }
}
