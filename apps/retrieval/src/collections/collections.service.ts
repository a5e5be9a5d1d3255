import { ValidationError, type Collection, type CollectionCreate } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EmbeddingClient } from '../embedding/embedding.client';
import type { VectorStore } from '../store/vector-store';
import { VectorStoreInputError } from '../store/vector-store-input.error';
import { VECTOR_STORE } from '../store/vector-store.token';
import { CollectionNotFoundError } from './collection-not-found.error';
import { toCollection, type CollectionRecord } from './collection-record';
import { CollectionRegistry, MAX_COLLECTIONS_PER_TENANT } from './collection-registry';
import { physicalCollectionName } from './physical-collection-name';

export interface CollectionRef {
  tenantId: string;
  name: string;
}

export interface CreateCollection {
  requestId: string;
  tenantId: string;
  collection: CollectionCreate;
  allowedModels?: string[] | null;
}

/**
 * A tenant's collections. The physical collection is created before the registry entry and
 * dropped before it is removed, so a failure half-way leaves at worst an empty physical
 * collection with no entry (a retried create adopts it) — never an entry whose old chunks
 * would resurface, and never chunks nobody can list or delete.
 */
@Injectable()
export class CollectionsService {
  constructor(
    private readonly registry: CollectionRegistry,
    private readonly embedding: EmbeddingClient,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async create(request: CreateCollection): Promise<Collection> {
    const { tenantId, collection } = request;
    const existing = await this.registry.list(tenantId);
    if (existing.some((record) => record.name === collection.name)) {
      throw new ValidationError(`A collection named '${collection.name}' already exists.`, {
        code: 'collection_exists',
        param: 'name',
      });
    }
    if (existing.length >= MAX_COLLECTIONS_PER_TENANT) {
      throw new ValidationError(
        `A tenant may have at most ${MAX_COLLECTIONS_PER_TENANT} collections; delete one first.`,
        { code: 'too_many_collections', param: 'name' },
      );
    }
    // Pricing nothing tells the dimension, and refuses an unknown or disallowed model.
    const quote = await this.embedding.quote({
      requestId: request.requestId,
      model: collection.embedding_model,
      inputTokens: 0,
      allowedModels: request.allowedModels ?? null,
    });
    const record: CollectionRecord = {
      tenantId,
      name: collection.name,
      physicalName: physicalCollectionName(tenantId, collection.name),
      embeddingModel: quote.model,
      dimensions: quote.dimensions,
      description: collection.description ?? null,
      createdAt: Math.floor(Date.now() / 1000),
    };
    await this.ensurePhysical(record);
    await this.registry.put(record);
    return toCollection(record);
  }

  async list(tenantId: string): Promise<Collection[]> {
    return (await this.registry.list(tenantId)).map(toCollection);
  }

  async get(ref: CollectionRef): Promise<Collection> {
    return toCollection(await this.require(ref.tenantId, ref.name));
  }

  /** Drops the collection with every chunk in it. */
  async delete(ref: CollectionRef): Promise<void> {
    const record = await this.require(ref.tenantId, ref.name);
    await this.store.dropCollection(record.physicalName);
    await this.registry.remove(ref.tenantId, ref.name);
  }

  /** The tenant's collection, or `collection_not_found`. */
  async require(tenantId: string, name: string): Promise<CollectionRecord> {
    const record = await this.registry.find(tenantId, name);
    if (record === undefined) throw new CollectionNotFoundError(name);
    return record;
  }

  private async ensurePhysical(record: CollectionRecord): Promise<void> {
    try {
      await this.store.ensureCollection(record.physicalName, record.dimensions);
    } catch (error) {
      const mismatch =
        error instanceof VectorStoreInputError && error.code === 'vector_dimension_mismatch';
      if (!mismatch) throw error;
      // Left by a create that failed before its registry entry (with another model): nobody
      // can reach it, so it is safe to replace.
      await this.store.dropCollection(record.physicalName);
      await this.store.ensureCollection(record.physicalName, record.dimensions);
    }
  }
}
