import { InternalError } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { ChunkMetadata, SearchHit, VectorStore } from '../store/vector-store';
import { VectorCollectionNotFoundError } from '../store/vector-collection-not-found.error';
import { VECTOR_STORE } from '../store/vector-store.token';
import type { CollectionRecord } from './collection-record';

/** Physical collections are all `c_<hex>`: this name can never be one of them. */
export const REGISTRY_COLLECTION = 'registry';
/** A tenant's collections are listed in one store query: this many at most. */
export const MAX_COLLECTIONS_PER_TENANT = 1000;
// Every entry has the same vector, so every search scores them all 1 and order is the
// filter's business alone.
const ENTRY_VECTOR = [1];

/**
 * Which collections each tenant has, kept in the vector store itself: one point per
 * collection in a reserved one-dimensional collection, tenant-scoped like any chunk (tenant
 * id, the name as document id, the fields as metadata). So the registry needs no second
 * database, works the same on both stores, and — on Qdrant — is shared by every retrieval
 * replica, which keep nothing of it in memory.
 */
@Injectable()
export class CollectionRegistry {
  private ready: Promise<void> | undefined;

  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  async find(tenantId: string, name: string): Promise<CollectionRecord | undefined> {
    const hits = await this.query(tenantId, 1, { name });
    return hits.map((hit) => toRecord(tenantId, hit))[0];
  }

  /** By name (creation times are whole seconds: no stable order of their own). */
  async list(tenantId: string): Promise<CollectionRecord[]> {
    const hits = await this.query(tenantId, MAX_COLLECTIONS_PER_TENANT);
    return hits
      .map((hit) => toRecord(tenantId, hit))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async put(record: CollectionRecord): Promise<void> {
    const point = {
      tenantId: record.tenantId,
      documentId: record.name,
      chunkIndex: 0,
      text: '',
      metadata: toMetadata(record),
      vector: ENTRY_VECTOR,
    };
    await this.ensureRegistry();
    try {
      await this.store.upsert(REGISTRY_COLLECTION, [point]);
    } catch (error) {
      // Dropped behind this replica's back (an operator, a wiped Qdrant): recreate once.
      if (!(error instanceof VectorCollectionNotFoundError)) throw error;
      this.ready = undefined;
      await this.ensureRegistry();
      await this.store.upsert(REGISTRY_COLLECTION, [point]);
    }
  }

  async remove(tenantId: string, name: string): Promise<void> {
    await this.store.deleteDocument(REGISTRY_COLLECTION, tenantId, name);
  }

  private async query(
    tenantId: string,
    topK: number,
    filter?: ChunkMetadata,
  ): Promise<SearchHit[]> {
    try {
      return await this.store.search(REGISTRY_COLLECTION, tenantId, ENTRY_VECTOR, {
        topK,
        filter,
      });
    } catch (error) {
      // No collection was ever created on this store.
      if (error instanceof VectorCollectionNotFoundError) return [];
      throw error;
    }
  }

  /** Once per process while it works; a failure is retried by the next create. */
  private ensureRegistry(): Promise<void> {
    this.ready ??= this.store.ensureCollection(REGISTRY_COLLECTION, 1).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

function toMetadata(record: CollectionRecord): ChunkMetadata {
  const metadata: ChunkMetadata = {
    name: record.name,
    physical_name: record.physicalName,
    embedding_model: record.embeddingModel,
    dimensions: record.dimensions,
    created_at: record.createdAt,
  };
  if (record.description !== null) metadata.description = record.description;
  return metadata;
}

function toRecord(tenantId: string, hit: SearchHit): CollectionRecord {
  const { name, physical_name, embedding_model, dimensions, created_at, description } =
    hit.metadata;
  if (
    typeof name !== 'string' ||
    typeof physical_name !== 'string' ||
    typeof embedding_model !== 'string' ||
    typeof dimensions !== 'number' ||
    typeof created_at !== 'number'
  ) {
    throw new InternalError(
      `The collection registry holds a malformed entry ('${hit.documentId}')`,
    );
  }
  return {
    tenantId,
    name,
    physicalName: physical_name,
    embeddingModel: embedding_model,
    dimensions,
    description: typeof description === 'string' ? description : null,
    createdAt: created_at,
  };
}
