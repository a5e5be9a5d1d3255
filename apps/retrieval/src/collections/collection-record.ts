import type { Collection } from '@conduit/contracts';

/** A collection as the registry keeps it. */
export interface CollectionRecord {
  tenantId: string;
  name: string;
  /** Where its chunks live in the vector store: see `physicalCollectionName`. */
  physicalName: string;
  /** The catalog id (aliases resolved) every chunk and query of it is embedded with. */
  embeddingModel: string;
  dimensions: number;
  description: string | null;
  /** Unix seconds. */
  createdAt: number;
}

/** The contract's view of a record. */
export function toCollection(record: CollectionRecord): Collection {
  return {
    object: 'collection',
    name: record.name,
    embedding_model: record.embeddingModel,
    dimensions: record.dimensions,
    description: record.description,
    created_at: record.createdAt,
  };
}
