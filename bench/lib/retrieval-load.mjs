// The retrieval bench's three workloads through the gateway: embeddings, ingest, search.
// Every response is checked (status, count, shape) before its latency counts; a wrong answer
// is a failure, never a data point.
import { documentBatches, freshTexts, queries } from './corpus.mjs';
import { closedLoop, describeFailure } from './json-load.mjs';

export const EMBED_MODEL = 'local/embed';
const SEARCH_WARMUP = 20;

function checkEmbeddings(response, batch, encoding) {
  if (response.status !== 200 || !Array.isArray(response.json?.data)) {
    return describeFailure(response, 'no data[] in the answer');
  }
  const { data } = response.json;
  if (data.length !== batch) return `expected ${batch} embeddings, got ${data.length}`;
  for (const item of data) {
    const ok =
      encoding === 'base64'
        ? typeof item.embedding === 'string' && item.embedding.length > 0
        : Array.isArray(item.embedding) && item.embedding.length > 0;
    if (!ok) return `embedding ${item.index} is not ${encoding}`;
  }
  return undefined;
}

/**
 * `POST /v1/embeddings` with `batch` texts each, closed loop: fresh texts (every one new to
 * the embedding service's cache), the same texts over and over (all cache hits after the
 * first request), and fresh texts as base64 (what OpenAI's SDK asks for: no JSON numbers).
 */
export async function benchEmbeddings({ client, params, log, measure = (run) => run() }) {
  const fresh = freshTexts(params.batch);
  const body = (input, encoding) => ({ model: EMBED_MODEL, input, encoding_format: encoding });
  const run = (durationS, texts, encoding) =>
    closedLoop({
      workers: params.connections,
      durationS,
      send: async () => {
        const response = await client.post('/v1/embeddings', body(texts(), encoding));
        return checkEmbeddings(response, params.batch, encoding);
      },
    });

  // The probe's texts are the repeated run's: cached from here on, so every measured one hits.
  const repeated = fresh();
  const probe = await client.post('/v1/embeddings', body(repeated, 'float'));
  const problem = checkEmbeddings(probe, params.batch, 'float');
  if (problem) throw new Error(`POST /v1/embeddings: ${problem}`);
  const dimensions = probe.json.data[0].embedding.length;

  if (params.warmupS > 0) {
    log(`embeddings: warm-up ${params.warmupS} s × ${params.connections} clients`);
    await run(params.warmupS, fresh, 'float');
  }
  const rows = [];
  const variants = [
    ['fresh texts (cache misses)', fresh, 'float'],
    ['repeated texts (cache hits)', () => repeated, 'float'],
    ['fresh texts, base64', fresh, 'base64'],
  ];
  for (const [label, texts, encoding] of variants) {
    log(`embeddings, ${label}: ${params.durationS} s × ${params.connections} clients`);
    const result = await measure(() => run(params.durationS, texts, encoding));
    rows.push({ label, encoding, ...result, textsPerSecond: result.perSecond * params.batch });
  }
  return { model: probe.json.model, dimensions, batch: params.batch, rows };
}

/** `POST /v1/collections`, then the corpus in batches; counts the chunks the service reports. */
export async function ingestCorpus({ client, collection, params, log, measure = (run) => run() }) {
  const created = await client.post('/v1/collections', { name: collection });
  if (created.status !== 200) {
    throw new Error(`POST /v1/collections: ${describeFailure(created)}`);
  }
  const batches = [...documentBatches({ count: params.chunks, batchSize: params.ingestBatch })];
  log(
    `ingest: ${params.chunks} documents in ${batches.length} requests of ≤ ${params.ingestBatch}, ${params.ingestConcurrency} at a time`,
  );
  let chunks = 0;
  let documents = 0;
  let lastReport = performance.now();
  const result = await measure(
    () =>
      closedLoop({
        workers: params.ingestConcurrency,
        count: batches.length,
        send: async (index) => {
          const batch = batches[index];
          const response = await client.post(
            `/v1/collections/${encodeURIComponent(collection)}/documents`,
            { documents: batch },
          );
          const data = response.json?.data;
          if (response.status !== 200 || !Array.isArray(data))
            return describeFailure(response, 'no data[]');
          if (data.length !== batch.length)
            return `expected ${batch.length} documents, got ${data.length}`;
          documents += data.length;
          chunks += data.reduce((sum, document) => sum + document.chunks, 0);
          if (performance.now() - lastReport > 15_000) {
            lastReport = performance.now();
            log(`ingest: ${documents} documents so far`);
          }
          return undefined;
        },
      }),
    () => chunks,
  );
  return {
    collection,
    dimensions: created.json?.dimensions,
    documents,
    chunks,
    ...result,
    chunksPerSecond: chunks / result.elapsedS,
  };
}

/** Searches through the gateway: one at a time, then `connections` at a time. */
export async function benchSearches({ client, collection, params, log, measure = (run) => run() }) {
  const texts = queries(SEARCH_WARMUP + 2 * params.searches);
  const path = `/v1/collections/${encodeURIComponent(collection)}/search`;
  const search = async (query) => {
    const response = await client.post(path, { query, top_k: params.topK });
    const data = response.json?.data;
    if (response.status !== 200 || !Array.isArray(data))
      return describeFailure(response, 'no data[]');
    // Every query shares words with thousands of chunks: fewer hits means a short HNSW scan.
    if (data.length !== params.topK) return `expected ${params.topK} hits, got ${data.length}`;
    return undefined;
  };
  log(`search: ${SEARCH_WARMUP} warm-up, then ${params.searches} one at a time`);
  await closedLoop({ workers: 1, count: SEARCH_WARMUP, send: (i) => search(texts[i]) });
  const sequential = await measure(() =>
    closedLoop({
      workers: 1,
      count: params.searches,
      send: (i) => search(texts[SEARCH_WARMUP + i]),
    }),
  );
  log(`search: ${params.searches} with ${params.connections} clients`);
  const concurrent = await measure(() =>
    closedLoop({
      workers: params.connections,
      count: params.searches,
      send: (i) => search(texts[SEARCH_WARMUP + params.searches + i]),
    }),
  );
  return { sequential, concurrent };
}
