import { FakeQdrantServer } from '@conduit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkPointId } from '../src/store/chunk-point-id';
import { EmbeddedVectorStore } from '../src/store/embedded.vector-store';
import { QdrantVectorStore } from '../src/store/qdrant.vector-store';
import type { ChunkMetadata, ChunkPoint, VectorStore } from '../src/store/vector-store';
import { VectorCollectionNotFoundError } from '../src/store/vector-collection-not-found.error';
import { VectorStoreInputError } from '../src/store/vector-store-input.error';
import { VectorStoreUnavailableError } from '../src/store/vector-store-unavailable.error';
import { STORE_TARGETS, type OpenedStore, type StoreTarget } from './support/vector-store-targets';

const DIM = 4;
const A = 'tenant-a';
const B = 'tenant-b';

/** A unit vector in the x-y plane at `degrees`: cosine between two is the cosine of their angle. */
function at(degrees: number): number[] {
  const radians = (degrees * Math.PI) / 180;
  return [Math.cos(radians), Math.sin(radians), 0, 0];
}

function chunk(
  tenantId: string,
  documentId: string,
  chunkIndex: number,
  vector: number[],
  metadata: ChunkMetadata = {},
  text = `${tenantId}/${documentId}#${chunkIndex}`,
): ChunkPoint {
  return { tenantId, documentId, chunkIndex, text, metadata, vector };
}

function contract(target: StoreTarget): void {
  let opened: OpenedStore;
  let store: VectorStore;
  const created: string[] = [];
  const collection = async (dimension = DIM) => {
    const name = `c${created.length + 1}`;
    created.push(name);
    await store.ensureCollection(name, dimension);
    return name;
  };

  beforeAll(async () => {
    opened = await target.open();
    store = opened.store;
  });

  afterAll(async () => {
    for (const name of created) await store?.dropCollection(name).catch(() => undefined);
    await opened?.close();
  });

  describe('collections', () => {
    it('ensureCollection is idempotent and refuses another dimension', async () => {
      const name = await collection();
      await expect(store.ensureCollection(name, DIM)).resolves.toBeUndefined();
      const mismatch = store.ensureCollection(name, DIM + 1);
      await expect(mismatch).rejects.toBeInstanceOf(VectorStoreInputError);
      await expect(store.ensureCollection(name, DIM + 1)).rejects.toThrow(/dimension 4, not 5/);
    });

    it('dropCollection removes every chunk, and is a no-op when repeated', async () => {
      const name = await collection();
      await store.upsert(name, [chunk(A, 'doc', 0, at(0))]);
      await store.dropCollection(name);
      await expect(store.search(name, A, at(0), { topK: 5 })).rejects.toBeInstanceOf(
        VectorCollectionNotFoundError,
      );
      await expect(store.dropCollection(name)).resolves.toBeUndefined();
      await store.ensureCollection(name, DIM);
      await expect(store.search(name, A, at(0), { topK: 5 })).resolves.toEqual([]);
    });

    it('reports a missing collection as not found, and deletes nothing from it', async () => {
      await expect(store.search('never-created', A, at(0), { topK: 1 })).rejects.toBeInstanceOf(
        VectorCollectionNotFoundError,
      );
      await expect(store.upsert('never-created', [chunk(A, 'd', 0, at(0))])).rejects.toBeInstanceOf(
        VectorCollectionNotFoundError,
      );
      await expect(store.deleteDocument('never-created', A, 'd')).resolves.toBe(0);
    });
  });

  describe('upsert and search', () => {
    it('is idempotent by (tenant, document, chunk index): the second write replaces the first', async () => {
      const name = await collection();
      const points = [0, 1, 2].map((i) => chunk(A, 'doc', i, at(i * 10)));
      await store.upsert(name, points);
      await store.upsert(
        name,
        points.map((p) => ({ ...p, text: `v2 ${p.chunkIndex}`, metadata: { version: 2 } })),
      );
      const hits = await store.search(name, A, at(0), { topK: 10 });
      expect(hits).toHaveLength(3);
      expect(hits.map((h) => h.text).sort()).toEqual(['v2 0', 'v2 1', 'v2 2']);
      expect(hits.every((h) => h.metadata.version === 2)).toBe(true);
      expect(hits[0].id).toBe(chunkPointId(A, name, 'doc', 0));
    });

    it('returns nearest first with cosine scores, descending, within [-1, 1]', async () => {
      const name = await collection();
      const angles = [180, 60, 0, 90, 30];
      await store.upsert(
        name,
        angles.map((angle, i) => chunk(A, `doc-${angle}`, i, at(angle), { angle })),
      );
      const hits = await store.search(name, A, at(10), { topK: 5 });
      expect(hits.map((h) => h.documentId)).toEqual([
        'doc-0',
        'doc-30',
        'doc-60',
        'doc-90',
        'doc-180',
      ]);
      hits.forEach((hit) => {
        expect(hit.score).toBeCloseTo(
          Math.cos(((Number(hit.metadata.angle) - 10) * Math.PI) / 180),
          5,
        );
        expect(hit.score).toBeGreaterThanOrEqual(-1);
        expect(hit.score).toBeLessThanOrEqual(1);
      });
      for (let i = 1; i < hits.length; i++)
        expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
      expect(hits[0]).toMatchObject({ documentId: 'doc-0', chunkIndex: 2, text: `${A}/doc-0#2` });
    });

    it('honours topK', async () => {
      const name = await collection();
      await store.upsert(
        name,
        Array.from({ length: 10 }, (_, i) => chunk(A, 'doc', i, at(i * 5))),
      );
      const hits = await store.search(name, A, at(0), { topK: 3 });
      expect(hits.map((h) => h.chunkIndex)).toEqual([0, 1, 2]);
    });

    it('drops hits below the score threshold', async () => {
      const name = await collection();
      await store.upsert(
        name,
        [0, 45, 80, 120].map((angle, i) => chunk(A, 'doc', i, at(angle))),
      );
      const hits = await store.search(name, A, at(0), { topK: 10, scoreThreshold: 0.5 });
      expect(hits.map((h) => h.chunkIndex)).toEqual([0, 1]);
      expect(hits.every((h) => h.score >= 0.5)).toBe(true);
    });

    it('refuses vectors of the wrong size, zero vectors and bad names or options', async () => {
      const name = await collection();
      await expect(store.upsert(name, [chunk(A, 'd', 0, [1, 0, 0])])).rejects.toBeInstanceOf(
        VectorStoreInputError,
      );
      await expect(store.upsert(name, [chunk(A, 'd', 0, [0, 0, 0, 0])])).rejects.toThrow(
        /zero vector/,
      );
      await expect(store.search(name, A, [1, 0], { topK: 1 })).rejects.toThrow(
        /dimension mismatch/,
      );
      await expect(store.search(name, A, at(0), { topK: 0 })).rejects.toBeInstanceOf(
        VectorStoreInputError,
      );
      await expect(store.ensureCollection('bad name!', DIM)).rejects.toBeInstanceOf(
        VectorStoreInputError,
      );
      await expect(
        store.search(name, A, at(0), { topK: 1, filter: { 'a.b': 'x' } }),
      ).rejects.toBeInstanceOf(VectorStoreInputError);
    });
  });

  describe('metadata filters', () => {
    let name: string;
    beforeAll(async () => {
      name = await collection();
      await store.upsert(name, [
        chunk(A, 'en-1', 0, at(0), { lang: 'en', page: 1, draft: false, rating: 4.5 }),
        chunk(A, 'en-2', 0, at(10), { lang: 'en', page: 7, draft: true, rating: 3 }),
        chunk(A, 'de-1', 0, at(20), { lang: 'de', page: 3, draft: false, rating: 2.5 }),
        chunk(A, 'fr-1', 0, at(30), { lang: 'fr', page: 12, draft: false, code: '5' }),
        chunk(A, 'num-5', 0, at(40), { code: 5 }),
      ]);
    });
    const docs = async (filter: Parameters<VectorStore['search']>[3]['filter']) =>
      (await store.search(name, A, at(0), { topK: 10, filter })).map((h) => h.documentId);

    it('matches equal strings, integers, floats and booleans', async () => {
      expect(await docs({ lang: 'en' })).toEqual(['en-1', 'en-2']);
      expect(await docs({ page: 3 })).toEqual(['de-1']);
      expect(await docs({ rating: 4.5 })).toEqual(['en-1']);
      expect(await docs({ draft: true })).toEqual(['en-2']);
    });

    it('keeps types apart: the string "5" is not the number 5', async () => {
      expect(await docs({ code: '5' })).toEqual(['fr-1']);
      expect(await docs({ code: 5 })).toEqual(['num-5']);
    });

    it('matches any of a list', async () => {
      expect(await docs({ lang: { in: ['de', 'fr'] } })).toEqual(['de-1', 'fr-1']);
      expect(await docs({ page: { in: [1, 12] } })).toEqual(['en-1', 'fr-1']);
      expect(await docs({ code: { in: ['5', 5] } })).toEqual(['fr-1', 'num-5']);
    });

    it('matches numeric ranges, inclusive, skipping non-numbers', async () => {
      expect(await docs({ page: { gte: 3, lte: 7 } })).toEqual(['en-2', 'de-1']);
      expect(await docs({ page: { gte: 7 } })).toEqual(['en-2', 'fr-1']);
      expect(await docs({ rating: { lte: 3 } })).toEqual(['en-2', 'de-1']);
      expect(await docs({ code: { gte: 0 } })).toEqual(['num-5']);
    });

    it('combines conditions with AND', async () => {
      expect(await docs({ lang: 'en', draft: false })).toEqual(['en-1']);
      expect(await docs({ lang: { in: ['en', 'de'] }, page: { lte: 3 } })).toEqual([
        'en-1',
        'de-1',
      ]);
      expect(await docs({ lang: 'xx' })).toEqual([]);
    });
  });

  describe('tenant isolation', () => {
    it("never shows one tenant another's chunks, even under the same document id", async () => {
      const name = await collection();
      await store.upsert(name, [
        chunk(A, 'shared', 0, at(0), {}, 'A secret'),
        chunk(A, 'shared', 1, at(5), {}, 'A secret 2'),
        chunk(B, 'shared', 0, at(90), {}, 'B text'),
      ]);
      const asB = await store.search(name, B, at(0), { topK: 10 });
      expect(asB.map((h) => h.text)).toEqual(['B text']);
      const asA = await store.search(name, A, at(90), { topK: 10 });
      expect(asA.map((h) => h.text).sort()).toEqual(['A secret', 'A secret 2']);
      expect(await store.search(name, 'tenant-c', at(0), { topK: 10 })).toEqual([]);
    });

    it("deletes a document in one tenant without touching the other's", async () => {
      const name = await collection();
      await store.upsert(name, [
        chunk(A, 'shared', 0, at(0)),
        chunk(A, 'shared', 1, at(1)),
        chunk(B, 'shared', 0, at(2)),
      ]);
      await expect(store.deleteDocument(name, B, 'shared')).resolves.toBe(1);
      expect(await store.search(name, B, at(0), { topK: 10 })).toEqual([]);
      expect(await store.search(name, A, at(0), { topK: 10 })).toHaveLength(2);
    });

    it('finds all of a small tenant among many chunks of a large one', async () => {
      const name = await collection();
      const big = Array.from({ length: 1500 }, (_, i) => chunk(A, `a-${i}`, 0, at(i % 360)));
      const small = Array.from({ length: 5 }, (_, i) => chunk(B, `b-${i}`, 0, at(180 + i)));
      await store.upsert(name, [...big, ...small]);
      const hits = await store.search(name, B, at(0), { topK: 5 });
      expect(hits.map((h) => h.documentId).sort()).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
    });
  });

  describe('deleteDocument', () => {
    it('removes every chunk of the document, counts them, and leaves other documents', async () => {
      const name = await collection();
      await store.upsert(name, [
        ...[0, 1, 2].map((i) => chunk(A, 'gone', i, at(i))),
        chunk(A, 'kept', 0, at(3)),
      ]);
      await expect(store.deleteDocument(name, A, 'gone')).resolves.toBe(3);
      const hits = await store.search(name, A, at(0), { topK: 10 });
      expect(hits.map((h) => h.documentId)).toEqual(['kept']);
      await expect(store.deleteDocument(name, A, 'gone')).resolves.toBe(0);
    });
  });
}

for (const target of STORE_TARGETS) {
  (target.skipReason ? describe.skip : describe)(`VectorStore contract: ${target.name}`, () =>
    contract(target),
  );
}

describe('EmbeddedVectorStore on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conduit-retrieval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps collections and chunks across a restart', async () => {
    const first = await EmbeddedVectorStore.open({ dataDir: dir });
    await first.ensureCollection('docs', DIM);
    await first.upsert('docs', [chunk(A, 'doc', 0, at(0), { lang: 'en' })]);
    await first.close();
    const second = await EmbeddedVectorStore.open({ dataDir: dir });
    try {
      await expect(second.ensureCollection('docs', DIM + 1)).rejects.toBeInstanceOf(
        VectorStoreInputError,
      );
      const hits = await second.search('docs', A, at(0), { topK: 1, filter: { lang: 'en' } });
      expect(hits).toMatchObject([{ documentId: 'doc', chunkIndex: 0, metadata: { lang: 'en' } }]);
    } finally {
      await second.close();
    }
  });
});

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
