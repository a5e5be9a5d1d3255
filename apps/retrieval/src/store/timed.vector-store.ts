import { DomainError } from '@conduit/contracts';
import type { Logger } from '@conduit/telemetry';
import { recordStoreOperation, type StoreOutcome } from '../metrics/retrieval-metrics';
import type { ChunkPoint, SearchHit, SearchOptions, VectorStore } from './vector-store';
import { VectorStoreUnavailableError } from './vector-store-unavailable.error';

/**
 * Bounds every call to the store it wraps: a store that hangs (a wedged Qdrant, a PGlite
 * stuck behind a long write) fails the request with `vector_store_unavailable` after
 * `timeoutMs` instead of holding it until the caller's own timeout. An error that is not a
 * `DomainError` (PGlite's own, a closed database) is the store failing: unavailable too,
 * with the original as the cause.
 *
 * The timed-out call itself is not cancelled (PGlite cannot be): it finishes or fails
 * unobserved. Writes are idempotent, so a retry after a timeout converges either way.
 */
export class TimedVectorStore implements VectorStore {
  readonly kind: VectorStore['kind'];

  constructor(
    private readonly inner: VectorStore,
    private readonly timeoutMs: number,
    /** Told of every unavailability: the one signal on call at 3 AM that the store is the problem. */
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {
    this.kind = inner.kind;
  }

  ensureCollection(name: string, dimension: number): Promise<void> {
    return this.bounded('ensureCollection', () => this.inner.ensureCollection(name, dimension));
  }

  dropCollection(name: string): Promise<void> {
    return this.bounded('dropCollection', () => this.inner.dropCollection(name));
  }

  upsert(collection: string, points: readonly ChunkPoint[]): Promise<void> {
    return this.bounded('upsert', () => this.inner.upsert(collection, points));
  }

  deleteDocument(collection: string, tenantId: string, documentId: string): Promise<number> {
    return this.bounded('deleteDocument', () =>
      this.inner.deleteDocument(collection, tenantId, documentId),
    );
  }

  deleteChunksFrom(
    collection: string,
    tenantId: string,
    documentId: string,
    fromChunkIndex: number,
  ): Promise<void> {
    return this.bounded('deleteChunksFrom', () =>
      this.inner.deleteChunksFrom(collection, tenantId, documentId, fromChunkIndex),
    );
  }

  search(
    collection: string,
    tenantId: string,
    vector: readonly number[],
    options: SearchOptions,
  ): Promise<SearchHit[]> {
    return this.bounded('search', () => this.inner.search(collection, tenantId, vector, options));
  }

  /** Not bounded: shutdown waits for the store to flush. */
  close(): Promise<void> {
    return this.inner.close();
  }

  private async bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    let outcome: StoreOutcome = 'ok';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new VectorStoreUnavailableError(
              `The vector store (${this.kind}) did not complete ${operation} within ${this.timeoutMs} ms`,
            ),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      const mapped =
        error instanceof DomainError
          ? error
          : new VectorStoreUnavailableError(
              `The vector store (${this.kind}) failed during ${operation}: ${error instanceof Error ? error.message : String(error)}`,
              { cause: error },
            );
      outcome = mapped instanceof VectorStoreUnavailableError ? 'unavailable' : 'error';
      if (mapped instanceof VectorStoreUnavailableError) {
        this.logger?.warn(
          { store: this.kind, operation, reason: mapped.message },
          'vector store unavailable',
        );
      }
      throw mapped;
    } finally {
      clearTimeout(timer);
      recordStoreOperation(operation, this.kind, outcome, startedAt);
    }
  }
}
