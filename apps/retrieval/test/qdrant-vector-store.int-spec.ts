import { FakeQdrantServer } from '@conduit/testing';
import { QdrantVectorStore } from '../src/store/qdrant.vector-store';
import { VectorStoreUnavailableError } from '../src/store/vector-store-unavailable.error';
import { A, at, chunk, DIM } from './support/chunk-fixtures';

describe('QdrantVectorStore against FakeQdrantServer: wire and faults', () => {
  const TIMEOUT_MS = 300;
  let fake: FakeQdrantServer;
  let store: QdrantVectorStore;

  beforeEach(async () => {
    fake = await FakeQdrantServer.start();
    store = new QdrantVectorStore({ url: fake.url, timeoutMs: TIMEOUT_MS, collectionPrefix: 'w_' });
    await store.ensureCollection('docs', DIM);
    await store.upsert('docs', [chunk(A, 'doc', 0, at(0), { lang: 'en' })]);
    fake.requests.length = 0;
  });

  afterEach(() => fake.stop());

  it('creates a cosine collection with tenant and document payload indexes', () => {
    expect(fake.collection('w_docs')).toMatchObject({
      size: DIM,
      distance: 'Cosine',
      payloadIndexes: { tenant_id: 'keyword', document_id: 'keyword' },
    });
  });

  it('pushes the tenant and metadata conditions into the Qdrant query itself', async () => {
    await store.search('docs', A, at(0), { topK: 3, filter: { lang: 'en' }, scoreThreshold: 0.2 });
    const query = fake.requests.find((r) => r.path === '/collections/w_docs/points/query');
    expect(query?.body).toMatchObject({
      limit: 3,
      score_threshold: 0.2,
      filter: {
        must: [
          { key: 'tenant_id', match: { value: A } },
          { key: 'metadata.lang', match: { value: 'en' } },
        ],
      },
    });
  });

  it('writes with wait=true and deletes by a tenant-scoped filter', async () => {
    await store.upsert('docs', [chunk(A, 'doc', 1, at(1))]);
    await store.deleteDocument('docs', A, 'doc');
    const writes = fake.requests.filter((r) => r.method !== 'GET' && r.path.includes('/points'));
    expect(writes.map((r) => [r.path, r.query.wait])).toEqual([
      ['/collections/w_docs/points', 'true'],
      ['/collections/w_docs/points/count', undefined],
      ['/collections/w_docs/points/delete', 'true'],
    ]);
    expect(writes[2].body).toEqual({
      filter: {
        must: [
          { key: 'tenant_id', match: { value: A } },
          { key: 'document_id', match: { value: 'doc' } },
        ],
      },
    });
  });

  it("deletes a document's tail with one filtered delete, no count", async () => {
    await store.deleteChunksFrom('docs', A, 'doc', 3);
    const writes = fake.requests.filter((r) => r.path.includes('/points'));
    expect(writes.map((r) => [r.path, r.query.wait])).toEqual([
      ['/collections/w_docs/points/delete', 'true'],
    ]);
    expect(writes[0].body).toEqual({
      filter: {
        must: [
          { key: 'tenant_id', match: { value: A } },
          { key: 'document_id', match: { value: 'doc' } },
          { key: 'chunk_index', range: { gte: 3 } },
        ],
      },
    });
  });

  it.each([500, 502, 503, 429])('maps HTTP %i to VectorStoreUnavailableError', async (status) => {
    fake.failNext(status);
    await expect(store.search('docs', A, at(0), { topK: 1 })).rejects.toBeInstanceOf(
      VectorStoreUnavailableError,
    );
    await expect(store.search('docs', A, at(0), { topK: 1 })).resolves.toHaveLength(1);
  });

  it('maps a 429 with Retry-After to VectorStoreUnavailableError carrying the delay', async () => {
    fake.failNext(429, 1, { headers: { 'retry-after': '2' } });
    const error: unknown = await store
      .search('docs', A, at(0), { topK: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorStoreUnavailableError);
    expect((error as VectorStoreUnavailableError).details).toEqual({
      status: 429,
      retryAfterSeconds: 2,
    });
  });

  it("maps Qdrant's 400 to VectorStoreInputError, with Qdrant's message", async () => {
    fake.failNext(400, 1, { message: 'Wrong input: something odd' });
    await expect(store.upsert('docs', [chunk(A, 'doc', 2, at(2))])).rejects.toThrow(
      /rejected the request: Wrong input: something odd/,
    );
  });

  it('fails a hung request as unavailable within the configured timeout', async () => {
    fake.hangNext();
    const started = performance.now();
    const error: unknown = await store
      .search('docs', A, at(0), { topK: 1 })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(VectorStoreUnavailableError);
    expect((error as Error).message).toMatch(/timed out after 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it('fails a slow server as unavailable, and recovers when it speeds up', async () => {
    fake.delayMs = TIMEOUT_MS * 3;
    await expect(store.deleteDocument('docs', A, 'doc')).rejects.toBeInstanceOf(
      VectorStoreUnavailableError,
    );
    fake.delayMs = 0;
    await expect(store.search('docs', A, at(0), { topK: 1 })).resolves.toHaveLength(1);
  });

  it('fails fast as unavailable when the server is down', async () => {
    await fake.stop();
    const started = performance.now();
    await expect(store.ensureCollection('other', DIM)).rejects.toBeInstanceOf(
      VectorStoreUnavailableError,
    );
    await expect(store.search('docs', A, at(0), { topK: 1 })).rejects.toThrow(
      /Qdrant search on "docs" failed/,
    );
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 1000);
  });
});
