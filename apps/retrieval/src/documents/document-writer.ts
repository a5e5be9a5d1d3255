import { Inject, Injectable } from '@nestjs/common';
import type { ChunkPoint, VectorStore } from '../store/vector-store';
import { VECTOR_STORE } from '../store/vector-store.token';
import type { ChunkedDocument } from './document-chunker';

/**
 * Points per store call. Each call is bounded by RETRIEVAL_STORE_TIMEOUT_MS, so a large
 * document must not be one call: the embedded store maintains its HNSW index row by row.
 */
export const UPSERT_SLICE = 128;

export interface EmbeddedDocument extends ChunkedDocument {
  /** One per chunk, in order. */
  vectors: number[][];
}

/**
 * Writes one document's chunks into its collection, replacing what an earlier ingest of the
 * same id left: chunks are upserted by (tenant, document, index), then those past the new
 * count removed. Readers may briefly see the new head with the old tail, never a mix that
 * stays. A failure part-way leaves a partly replaced document that the same request, sent
 * again, repairs (every step is idempotent).
 */
@Injectable()
export class DocumentWriter {
  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  async write(collection: string, tenantId: string, document: EmbeddedDocument): Promise<void> {
    const points: ChunkPoint[] = document.chunks.map((chunk, i) => ({
      tenantId,
      documentId: document.id,
      chunkIndex: chunk.index,
      text: chunk.text,
      metadata: document.metadata,
      vector: document.vectors[i],
    }));
    for (let i = 0; i < points.length; i += UPSERT_SLICE) {
      await this.store.upsert(collection, points.slice(i, i + UPSERT_SLICE));
    }
    await this.store.deleteChunksFrom(collection, tenantId, document.id, points.length);
  }
}
