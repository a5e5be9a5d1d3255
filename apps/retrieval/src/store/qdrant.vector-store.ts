import { InternalError } from '@conduit/contracts';
import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import { chunkPointId } from './chunk-point-id';
import { parseMetadataFilter } from './metadata-filter';
import { qdrantErrorStatus, toVectorStoreError } from './qdrant-error.mapper';
import { QdrantPayloadKey, qdrantChunkTailFilter, qdrantFilter } from './qdrant-filter.mapper';
import type {
  ChunkMetadata,
  ChunkPoint,
  SearchHit,
  SearchOptions,
  VectorStore,
} from './vector-store';
import { VectorCollectionNotFoundError } from './vector-collection-not-found.error';
import { VectorStoreInputError } from './vector-store-input.error';
import {
  validateChunkIndex,
  validateCollectionName,
  validateDimension,
  validateId,
  validatePoints,
  validateSearchOptions,
  validateVector,
} from './vector-store.validation';

export interface QdrantVectorStoreOptions {
  url: string;
  apiKey?: string;
  /** Per request, connection to last byte. Past it the call fails as unavailable. */
  timeoutMs?: number;
  /** Prepended to every collection name, so Conduit's collections stand apart on a shared Qdrant. */
  collectionPrefix?: string;
}

export const DEFAULT_QDRANT_TIMEOUT_MS = 5000;
export const DEFAULT_QDRANT_COLLECTION_PREFIX = 'conduit_';
const UPSERT_BATCH = 256;
const PREFIX = /^[A-Za-z0-9_-]{0,32}$/;

/**
 * Chunks in Qdrant: one collection per logical collection, cosine distance, keyword payload
 * indexes on `tenant_id` (marked as the tenant key, so Qdrant co-locates a tenant's points)
 * and `document_id`. Every search, count and delete carries the tenant condition to Qdrant.
 */
export class QdrantVectorStore implements VectorStore {
  readonly kind = 'qdrant';
  private readonly client: QdrantClient;
  private readonly timeoutMs: number;
  private readonly prefix: string;
  // Dimensions seen, to reject a wrong-sized vector before it travels. If another replica
  // recreates a collection with another size, Qdrant's own 400 still stops the request.
  private readonly dimensions = new Map<string, number>();

  constructor(options: QdrantVectorStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_QDRANT_TIMEOUT_MS;
    this.prefix = options.collectionPrefix ?? DEFAULT_QDRANT_COLLECTION_PREFIX;
    if (!PREFIX.test(this.prefix)) {
      throw new VectorStoreInputError(
        `Invalid Qdrant collection prefix ${JSON.stringify(this.prefix)}`,
      );
    }
    this.client = new QdrantClient({
      url: options.url,
      apiKey: options.apiKey,
      timeout: this.timeoutMs,
      // Otherwise the constructor fires an unawaited GET / and warns on the console.
      checkCompatibility: false,
    });
  }

  async ensureCollection(name: string, dimension: number): Promise<void> {
    validateCollectionName(name);
    validateDimension(dimension);
    const physical = this.physical(name);
    await this.call('ensureCollection', name, async () => {
      let info = await this.describe(physical);
      if (info === undefined) {
        try {
          await this.client.createCollection(physical, {
            vectors: { size: dimension, distance: 'Cosine' },
          });
        } catch (error) {
          // Another replica created it first: fine, as long as the size agrees (checked below).
          if (qdrantErrorStatus(error)?.status !== 409) throw error;
        }
        info = await this.describe(physical);
      }
      const existing = info === undefined ? undefined : vectorSize(info);
      if (existing !== dimension) {
        throw new VectorStoreInputError(
          `Collection "${name}" exists with ${existing === undefined ? 'a different vector layout' : `dimension ${existing}`}, not ${dimension}`,
          { param: 'dimension', code: 'vector_dimension_mismatch' },
        );
      }
      // Also repairs a collection whose indexes were never created (a crash mid-way).
      const indexed = info?.payload_schema ?? {};
      if (indexed[QdrantPayloadKey.tenantId] === undefined) {
        await this.client.createPayloadIndex(physical, {
          field_name: QdrantPayloadKey.tenantId,
          field_schema: { type: 'keyword', is_tenant: true },
          wait: true,
        });
      }
      if (indexed[QdrantPayloadKey.documentId] === undefined) {
        await this.client.createPayloadIndex(physical, {
          field_name: QdrantPayloadKey.documentId,
          field_schema: 'keyword',
          wait: true,
        });
      }
    });
    this.dimensions.set(name, dimension);
  }

  async dropCollection(name: string): Promise<void> {
    validateCollectionName(name);
    this.dimensions.delete(name);
    await this.call('dropCollection', name, () =>
      this.client.deleteCollection(this.physical(name)),
    );
  }

  async upsert(collection: string, points: readonly ChunkPoint[]): Promise<void> {
    validateCollectionName(collection);
    const dimension = await this.dimensionOf(collection);
    validatePoints(points, dimension);
    const byId = new Map<string, Schemas['PointStruct']>();
    for (const point of points) {
      const id = chunkPointId(point.tenantId, collection, point.documentId, point.chunkIndex);
      byId.set(id, {
        id,
        vector: [...point.vector],
        payload: {
          [QdrantPayloadKey.tenantId]: point.tenantId,
          [QdrantPayloadKey.documentId]: point.documentId,
          [QdrantPayloadKey.chunkIndex]: point.chunkIndex,
          [QdrantPayloadKey.text]: point.text,
          [QdrantPayloadKey.metadata]: point.metadata,
        },
      });
    }
    const all = [...byId.values()];
    const physical = this.physical(collection);
    for (let i = 0; i < all.length; i += UPSERT_BATCH) {
      const batch = all.slice(i, i + UPSERT_BATCH);
      await this.call('upsert', collection, () =>
        this.client.upsert(physical, { wait: true, points: batch }),
      );
    }
  }

  async deleteDocument(collection: string, tenantId: string, documentId: string): Promise<number> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateId(documentId, 'documentId');
    const physical = this.physical(collection);
    const filter = qdrantFilter(tenantId, [], documentId);
    try {
      // Qdrant's delete does not say how many points it removed: count first. Best effort
      // under concurrent writes to the same document, exact otherwise.
      const { count } = await this.call('deleteDocument', collection, () =>
        this.client.count(physical, { filter, exact: true }),
      );
      if (count > 0) {
        await this.call('deleteDocument', collection, () =>
          this.client.delete(physical, { wait: true, filter }),
        );
      }
      return count;
    } catch (error) {
      // Nothing stored, nothing to delete: erasure must not fail on a collection never created.
      if (error instanceof VectorCollectionNotFoundError) return 0;
      throw error;
    }
  }

  async deleteChunksFrom(
    collection: string,
    tenantId: string,
    documentId: string,
    fromChunkIndex: number,
  ): Promise<void> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateId(documentId, 'documentId');
    validateChunkIndex(fromChunkIndex, 'fromChunkIndex');
    const filter = qdrantChunkTailFilter(tenantId, documentId, fromChunkIndex);
    try {
      // No count first (unlike deleteDocument): the ingest that calls this needs no number,
      // and the tenant and document keyword indexes keep the filtered delete cheap.
      await this.call('deleteChunksFrom', collection, () =>
        this.client.delete(this.physical(collection), { wait: true, filter }),
      );
    } catch (error) {
      if (error instanceof VectorCollectionNotFoundError) return;
      throw error;
    }
  }

  async search(
    collection: string,
    tenantId: string,
    vector: readonly number[],
    options: SearchOptions,
  ): Promise<SearchHit[]> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateSearchOptions(options);
    const clauses = parseMetadataFilter(options.filter);
    validateVector(vector, await this.dimensionOf(collection), 'vector');
    const { points } = await this.call('search', collection, () =>
      this.client.query(this.physical(collection), {
        query: [...vector],
        filter: qdrantFilter(tenantId, clauses),
        limit: options.topK,
        score_threshold: options.scoreThreshold,
        with_payload: true,
        with_vector: false,
      }),
    );
    return points.map((point) => toSearchHit(point, collection));
  }

  /** Nothing to release: the client's keep-alive sockets close on their own when idle. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private physical(name: string): string {
    return `${this.prefix}${name}`;
  }

  private async dimensionOf(collection: string): Promise<number> {
    const cached = this.dimensions.get(collection);
    if (cached !== undefined) return cached;
    const info = await this.call('describe', collection, () =>
      this.client.getCollection(this.physical(collection)),
    );
    const size = vectorSize(info);
    if (size === undefined) {
      throw new InternalError(
        `Qdrant collection "${collection}" does not hold Conduit's single unnamed vector`,
      );
    }
    this.dimensions.set(collection, size);
    return size;
  }

  /** The collection's info, or undefined when it does not exist. */
  private async describe(physical: string): Promise<Schemas['CollectionInfo'] | undefined> {
    try {
      return await this.client.getCollection(physical);
    } catch (error) {
      if (qdrantErrorStatus(error)?.status === 404) return undefined;
      throw error;
    }
  }

  private async call<T>(operation: string, collection: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped = toVectorStoreError(error, {
        operation,
        collection,
        timeoutMs: this.timeoutMs,
      });
      // Dropped behind our back (another replica): forget its size, it may come back another.
      if (mapped instanceof VectorCollectionNotFoundError) this.dimensions.delete(collection);
      throw mapped;
    }
  }
}

function vectorSize(info: Schemas['CollectionInfo']): number | undefined {
  const vectors = info.config.params.vectors;
  return vectors !== undefined && 'size' in vectors && typeof vectors.size === 'number'
    ? vectors.size
    : undefined;
}

function toSearchHit(point: Schemas['ScoredPoint'], collection: string): SearchHit {
  const payload = point.payload ?? {};
  const documentId = payload[QdrantPayloadKey.documentId];
  const chunkIndex = payload[QdrantPayloadKey.chunkIndex];
  const text = payload[QdrantPayloadKey.text];
  const metadata = payload[QdrantPayloadKey.metadata];
  if (
    typeof documentId !== 'string' ||
    typeof chunkIndex !== 'number' ||
    typeof text !== 'string'
  ) {
    // Someone else's point in our collection: refuse to guess rather than return garbage.
    throw new InternalError(
      `Qdrant collection "${collection}" holds a point that is not a Conduit chunk`,
    );
  }
  return {
    id: String(point.id),
    documentId,
    chunkIndex,
    text,
    metadata: isMetadata(metadata) ? metadata : {},
    score: point.score,
  };
}

function isMetadata(value: unknown): value is ChunkMetadata {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
