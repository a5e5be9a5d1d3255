import { NotFoundError } from '@conduit/contracts';

/** The tenant has no collection of that name (another tenant's is invisible, not forbidden). */
export class CollectionNotFoundError extends NotFoundError {
  constructor(name: string) {
    super(`Collection '${name}' does not exist.`, {
      code: 'collection_not_found',
      param: 'collection',
    });
  }
}
