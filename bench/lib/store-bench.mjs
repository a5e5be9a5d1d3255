import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { seededRandom, unitVector } from './corpus.mjs';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const COLLECTION = 'bench';
const TENANT = 'bench';
const UPSERT_BATCH = 500;
const WARMUP_SEARCHES = 20;

/**
 * The embedded vector store alone, in this process: the compiled `EmbeddedVectorStore`
 * (PGlite + pgvector, HNSW cosine index) on a data directory of its own — the retrieval
 * service owns the one it was given — filled with `chunks` random unit vectors, then
 * `searches` top-k queries, one at a time. No NATS, no HTTP, no embedding: what the store
 * costs inside a search request.
 *
 * Random vectors are the index's worst case (no clusters to exploit); real embeddings search
 * at least as fast.
 */
export async function benchEmbeddedStore({ repoRoot, chunks, dimensions, searches, topK, log }) {
  require(path.join(repoRoot, 'scripts/register-paths.cjs'));
  const { EmbeddedVectorStore } = require(
    path.join(repoRoot, 'dist/apps/retrieval/src/store/embedded.vector-store.js'),
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'conduit-bench-store-'));
  let store;
  try {
    store = await EmbeddedVectorStore.open({ dataDir });
    await store.ensureCollection(COLLECTION, dimensions);
    const random = seededRandom(384);

    log(
      `store alone: upserting ${chunks} random ${dimensions}-d unit vectors in batches of ${UPSERT_BATCH}`,
    );
    const upsertTimes = [];
    const upsertBegan = performance.now();
    for (let start = 0; start < chunks; start += UPSERT_BATCH) {
      const points = [];
      for (let i = start; i < Math.min(chunks, start + UPSERT_BATCH); i++) {
        points.push({
          tenantId: TENANT,
          documentId: `doc-${i}`,
          chunkIndex: 0,
          text: `chunk ${i}`,
          metadata: { shard: i % 16 },
          vector: unitVector(random, dimensions),
        });
      }
      const began = performance.now();
      await store.upsert(COLLECTION, points);
      upsertTimes.push(performance.now() - began);
    }
    const upsertS = (performance.now() - upsertBegan) / 1000;

    log(`store alone: ${searches} searches (top ${topK}), one at a time`);
    const query = () => unitVector(random, dimensions);
    for (let i = 0; i < WARMUP_SEARCHES; i++) {
      await store.search(COLLECTION, TENANT, query(), { topK });
    }
    const times = [];
    let short = 0;
    for (let i = 0; i < searches; i++) {
      const vector = query();
      const began = performance.now();
      const hits = await store.search(COLLECTION, TENANT, vector, { topK });
      times.push(performance.now() - began);
      if (hits.length !== topK) short++;
    }
    return {
      chunks,
      dimensions,
      upsertS,
      upsertPerSecond: chunks / upsertS,
      upsertBatch: { size: UPSERT_BATCH, ...summarize(upsertTimes) },
      search: summarize(times),
      topK,
      // Fewer than top_k hits from a collection of thousands: the HNSW scan came back short.
      shortResults: short,
    };
  } finally {
    await store?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
}
