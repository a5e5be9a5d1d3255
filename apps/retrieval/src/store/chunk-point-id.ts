import { uuidV5 } from './uuid-v5';

// Conduit's own namespace for chunk ids; changing it would orphan every stored chunk.
const CHUNK_NAMESPACE = 'b7e1c0de-5a1e-4c0d-9d17-7e4a6e2f1c35';

/**
 * The point id of a chunk, the same every time it is ingested, so re-ingesting replaces
 * instead of duplicating. The tenant is part of the name, so no tenant can address (and
 * overwrite) another tenant's chunk, whatever document id it sends. The parts are encoded
 * as a JSON array so that no choice of separator can make two tuples collide.
 */
export function chunkPointId(
  tenantId: string,
  collection: string,
  documentId: string,
  chunkIndex: number,
): string {
  return uuidV5(JSON.stringify([tenantId, collection, documentId, chunkIndex]), CHUNK_NAMESPACE);
}
