import { CommonConfigSchema, envInt, envUrl } from '@conduit/config';
import { z } from 'zod';

/** Every environment variable the retrieval service reads. */
export const RetrievalConfigSchema = CommonConfigSchema.extend({
  /** Qdrant's REST URL (`http://qdrant:6333`). Unset: the embedded store, one replica only. */
  QDRANT_URL: envUrl().optional(),
  QDRANT_API_KEY: z.string().min(1).optional(),
  /** The embedded store's PGlite directory; `memory://` keeps it in memory (tests). */
  RETRIEVAL_DATA_DIR: z.string().min(1).default('.data/retrieval'),
  /** Upper bound on a chunk's o200k tokens. */
  RETRIEVAL_CHUNK_TOKENS: envInt(256).pipe(z.int().min(16).max(8192)),
  /** Tokens of a chunk's tail that open the next one, so a passage cut in two is found whole. */
  RETRIEVAL_CHUNK_OVERLAP_TOKENS: envInt(32).pipe(z.int().min(0)),
  /** Each vector-store call; past it the request fails with `vector_store_unavailable`. */
  RETRIEVAL_STORE_TIMEOUT_MS: envInt(5000).pipe(z.int().min(1)),
  /** Each `embedding.v1.*` request; past it the request fails with `embedding_unavailable`. */
  RETRIEVAL_EMBEDDING_TIMEOUT_MS: envInt(30_000).pipe(z.int().min(1)),
  /** The budget hold (`ledger.v1.budget.reserve`); past it the request fails closed. */
  RETRIEVAL_LEDGER_TIMEOUT_MS: envInt(5000).pipe(z.int().min(1)),
  /** Serve Prometheus metrics (search, vector store, ingest, process) on this port at `/metrics`; off when unset. */
  RETRIEVAL_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
}).refine((config) => config.RETRIEVAL_CHUNK_OVERLAP_TOKENS < config.RETRIEVAL_CHUNK_TOKENS, {
  path: ['RETRIEVAL_CHUNK_OVERLAP_TOKENS'],
  message: 'must be less than RETRIEVAL_CHUNK_TOKENS',
});
export type RetrievalConfig = z.output<typeof RetrievalConfigSchema>;
