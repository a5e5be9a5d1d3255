import { createLogger } from '@conduit/telemetry';
import type { RetrievalConfig } from '../config/retrieval-config.schema';
import { EmbeddedVectorStore } from './embedded.vector-store';
import { QdrantVectorStore } from './qdrant.vector-store';
import { TimedVectorStore } from './timed.vector-store';
import type { VectorStore } from './vector-store';

/**
 * Qdrant when `QDRANT_URL` is set, else the embedded PGlite + pgvector store under
 * `RETRIEVAL_DATA_DIR` — every call bounded by `RETRIEVAL_STORE_TIMEOUT_MS`. Opening Qdrant
 * makes no request, so the service boots (and answers health checks) while Qdrant is down.
 */
export async function openVectorStore(config: RetrievalConfig): Promise<VectorStore> {
  const logger = createLogger('retrieval', config.LOG_LEVEL);
  const timeoutMs = config.RETRIEVAL_STORE_TIMEOUT_MS;
  if (config.QDRANT_URL !== undefined) {
    logger.info({ qdrant: config.QDRANT_URL }, 'vector store: Qdrant');
    return new TimedVectorStore(
      new QdrantVectorStore({ url: config.QDRANT_URL, apiKey: config.QDRANT_API_KEY, timeoutMs }),
      timeoutMs,
      logger,
    );
  }
  // PGlite is one process over one directory: a second replica on the same data would corrupt it.
  logger.warn(
    { dataDir: config.RETRIEVAL_DATA_DIR },
    'vector store: embedded PGlite + pgvector — run a single retrieval replica; set QDRANT_URL to scale out',
  );
  const store = await EmbeddedVectorStore.open({ dataDir: config.RETRIEVAL_DATA_DIR });
  return new TimedVectorStore(store, timeoutMs, logger);
}
