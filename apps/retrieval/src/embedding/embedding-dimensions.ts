import { InternalError } from '@conduit/contracts';
import type { CollectionRecord } from '../collections/collection-record';

/**
 * Vectors must fit the collection. They stop fitting only if the model behind the
 * collection's id changed dimension since it was created (a catalog edit): an operator's
 * problem, said plainly, rather than the store's dimension error with a hashed name in it.
 */
export function assertDimensions(
  collection: CollectionRecord,
  dimensions: number | undefined,
): void {
  if (dimensions === undefined || dimensions === collection.dimensions) return;
  throw new InternalError(
    `Collection '${collection.name}' holds ${collection.dimensions}-dimensional vectors but ` +
      `'${collection.embeddingModel}' now returns ${dimensions}; recreate the collection.`,
    { code: 'embedding_dimension_mismatch' },
  );
}
