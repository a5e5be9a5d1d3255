import { DomainError } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Histogram } from 'prom-client';

// The retrieval service's metrics (RETRIEVAL_METRICS_PORT). Labels stay low-cardinality:
// outcomes, store operations and kinds — never a tenant, collection, document or request.

const searchSeconds = new Histogram({
  name: 'conduit_retrieval_search_duration_seconds',
  help: 'One search (also under a grounding context): the query embedded, then the vector store asked; by outcome (ok or the error type)',
  labelNames: ['outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

const storeSeconds = new Histogram({
  name: 'conduit_retrieval_store_operation_duration_seconds',
  help: 'One vector store call, by operation (search, upsert, deleteDocument, deleteChunksFrom, ensureCollection, dropCollection), store (qdrant, embedded) and outcome (ok, error, unavailable)',
  labelNames: ['operation', 'store', 'outcome'],
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const ingestedChunks = new Counter({
  name: 'conduit_retrieval_ingest_chunks_total',
  help: 'Chunks embedded and written to the vector store by document ingests',
  registers: [metricsRegistry],
});

const ingestedDocuments = new Counter({
  name: 'conduit_retrieval_ingest_documents_total',
  help: 'Documents ingested (chunked, embedded and written)',
  registers: [metricsRegistry],
});

export type StoreOutcome = 'ok' | 'error' | 'unavailable';

/** Times `work` as one search; its outcome is `ok` or the error's type. */
export async function timedSearch<T>(work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  let outcome = 'ok';
  try {
    return await work();
  } catch (error) {
    outcome = error instanceof DomainError ? error.type : 'internal_error';
    throw error;
  } finally {
    searchSeconds.observe({ outcome }, (performance.now() - startedAt) / 1000);
  }
}

/** Records one vector store call that began at `startedAt` (`performance.now()`). */
export function recordStoreOperation(
  operation: string,
  store: string,
  outcome: StoreOutcome,
  startedAt: number,
): void {
  storeSeconds.observe({ operation, store, outcome }, (performance.now() - startedAt) / 1000);
}

/** Counts an ingest that wrote `documents` documents of `chunks` chunks in all. */
export function recordIngest(documents: number, chunks: number): void {
  ingestedDocuments.inc(documents);
  ingestedChunks.inc(chunks);
}
