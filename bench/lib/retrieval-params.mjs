// Parameters of the retrieval bench (`node bench/retrieval.mjs`), validated up front so a
// typo fails before anything starts. Defaults keep the run to a few minutes on two cores; most
// of it is ingest, bounded by the embedded store's HNSW inserts.

function readInt(env, name, fallback, min, max = Number.MAX_SAFE_INTEGER) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function readRetrievalParams(env = process.env) {
  const chunks = readInt(env, 'BENCH_RETRIEVAL_CHUNKS', 10_000, 1);
  return {
    /** Each measured embeddings run. */
    durationS: readInt(env, 'BENCH_RETRIEVAL_DURATION_S', 10, 1),
    /** Unmeasured embeddings load first (fresh texts), so JIT and sockets are warm. */
    warmupS: readInt(env, 'BENCH_RETRIEVAL_WARMUP_S', 3, 0),
    /** Concurrent clients for the embeddings runs and the concurrent search run. */
    connections: readInt(env, 'BENCH_RETRIEVAL_CONNECTIONS', 8, 1),
    /** Texts per `POST /v1/embeddings`. */
    batch: readInt(env, 'BENCH_RETRIEVAL_BATCH', 16, 1, 2048),
    /** Documents ingested, one chunk each. */
    chunks,
    /** Documents per `POST /v1/collections/{name}/documents`. */
    ingestBatch: readInt(env, 'BENCH_RETRIEVAL_INGEST_BATCH', 64, 1, 256),
    /** Ingest requests in flight at once. */
    ingestConcurrency: readInt(env, 'BENCH_RETRIEVAL_INGEST_CONCURRENCY', 2, 1),
    /** Searches through the gateway: this many one at a time, then as many concurrently. */
    searches: readInt(env, 'BENCH_RETRIEVAL_SEARCHES', 300, 1),
    /** Searches of the embedded store alone, in process (0 = skip that part). */
    storeSearches: readInt(env, 'BENCH_RETRIEVAL_STORE_SEARCHES', 500, 0),
    /** Random vectors in the store-alone collection (default: as many as chunks). */
    storeChunks: readInt(env, 'BENCH_RETRIEVAL_STORE_CHUNKS', chunks, 1),
    topK: 5,
  };
}

/** The overrides a reader needs to reproduce this exact run. */
export function retrievalParamsAsEnv(params) {
  return [
    `BENCH_RETRIEVAL_DURATION_S=${params.durationS}`,
    `BENCH_RETRIEVAL_WARMUP_S=${params.warmupS}`,
    `BENCH_RETRIEVAL_CONNECTIONS=${params.connections}`,
    `BENCH_RETRIEVAL_BATCH=${params.batch}`,
    `BENCH_RETRIEVAL_CHUNKS=${params.chunks}`,
    `BENCH_RETRIEVAL_INGEST_BATCH=${params.ingestBatch}`,
    `BENCH_RETRIEVAL_INGEST_CONCURRENCY=${params.ingestConcurrency}`,
    `BENCH_RETRIEVAL_SEARCHES=${params.searches}`,
    `BENCH_RETRIEVAL_STORE_SEARCHES=${params.storeSearches}`,
    `BENCH_RETRIEVAL_STORE_CHUNKS=${params.storeChunks}`,
  ].join(' ');
}
