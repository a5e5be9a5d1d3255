import { NotFoundError } from '@conduit/contracts';

/** Upsert or search in a collection that was never created (or was dropped). */
export class VectorCollectionNotFoundError extends NotFoundError {
  constructor(readonly collection: string) {
    super(`Collection "${collection}" does not exist`, {
      code: 'collection_not_found',
      param: 'collection',
    });
  }
}
