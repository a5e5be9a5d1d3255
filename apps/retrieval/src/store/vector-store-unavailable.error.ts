import { ServiceUnavailableError, type DomainErrorOptions } from '@conduit/contracts';

/**
 * The vector store cannot serve the request now: connection refused or reset, timeout,
 * 5xx, rate limited. Crosses NATS as `service_unavailable`; worth retrying later.
 */
export class VectorStoreUnavailableError extends ServiceUnavailableError {
  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, { code: 'vector_store_unavailable', ...options });
  }
}
