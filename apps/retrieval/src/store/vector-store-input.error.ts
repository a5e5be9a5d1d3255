import { ValidationError, type DomainErrorOptions } from '@conduit/contracts';

/**
 * The request cannot succeed as sent: a bad collection name, a dimension that differs from
 * the collection's, a malformed vector or filter. Crosses NATS as `validation_error`.
 */
export class VectorStoreInputError extends ValidationError {
  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, { code: 'invalid_vector_store_request', ...options });
  }
}
