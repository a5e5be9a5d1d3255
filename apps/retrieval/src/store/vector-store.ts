/** A metadata value: what both stores can filter on. */
export type MetadataValue = string | number | boolean;

/** Free-form, flat chunk metadata (source, page, language…). Keys match `[A-Za-z0-9_-]{1,64}`. */
export type ChunkMetadata = Record<string, MetadataValue>;

/** One chunk to store. Its point id is derived, never chosen: see `chunkPointId`. */
export interface ChunkPoint {
  tenantId: string;
  /** Unique within its tenant only: the same id in two tenants names two documents. */
  documentId: string;
  chunkIndex: number;
  text: string;
  metadata: ChunkMetadata;
  vector: number[];
}

export interface SearchHit {
  /** The chunk's point id, `chunkPointId(tenantId, collection, documentId, chunkIndex)`. */
  id: string;
  documentId: string;
  chunkIndex: number;
  text: string;
  metadata: ChunkMetadata;
  /** Cosine similarity in [-1, 1]; hits come best first. */
  score: number;
}

/** `value` matches equal values of the same type; `in` any listed value; a range, numbers. */
export type MetadataCondition =
  MetadataValue | { in: readonly (string | number)[] } | { gte?: number; lte?: number };

/** Every condition must hold (AND). */
export type MetadataFilter = Record<string, MetadataCondition>;

export interface SearchOptions {
  /** 1 to 1000. */
  topK: number;
  filter?: MetadataFilter;
  /** Drop hits whose score is below this (cosine, in [-1, 1]). */
  scoreThreshold?: number;
}

/**
 * Where chunk vectors live: Qdrant, or the embedded PGlite + pgvector store. A logical
 * collection is one physical collection or table. Every read and delete takes the tenant id
 * and is filtered on it inside the store: a tenant never sees another tenant's chunks.
 *
 * Errors: `VectorStoreInputError` (bad name, dimension, vector or filter: the caller's
 * fault), `VectorCollectionNotFoundError`, `VectorStoreUnavailableError` (the store is down,
 * slow or failing: retry later).
 */
export interface VectorStore {
  readonly kind: 'qdrant' | 'embedded';

  /** Creates the collection unless it exists; fails if it exists with another dimension. */
  ensureCollection(name: string, dimension: number): Promise<void>;

  /** Drops the collection and every chunk in it; nothing happens if there is none. */
  dropCollection(name: string): Promise<void>;

  /** Inserts or replaces chunks, keyed by (tenant, collection, document, chunk index). */
  upsert(collection: string, points: readonly ChunkPoint[]): Promise<void>;

  /** Removes every chunk of one tenant's document; resolves to how many there were. */
  deleteDocument(collection: string, tenantId: string, documentId: string): Promise<number>;

  /**
   * Removes the document's chunks whose index is `fromChunkIndex` or more: what a re-ingest
   * that yields fewer chunks leaves behind. Nothing happens if the collection does not exist.
   */
  deleteChunksFrom(
    collection: string,
    tenantId: string,
    documentId: string,
    fromChunkIndex: number,
  ): Promise<void>;

  /** The tenant's chunks nearest to `vector` by cosine similarity, best first. */
  search(
    collection: string,
    tenantId: string,
    vector: readonly number[],
    options: SearchOptions,
  ): Promise<SearchHit[]>;

  close(): Promise<void>;
}
