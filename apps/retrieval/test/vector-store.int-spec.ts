import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkPointId } from '../src/store/chunk-point-id';
import { EmbeddedVectorStore } from '../src/store/embedded.vector-store';
import type { VectorStore } from '../src/store/vector-store';
import { VectorCollectionNotFoundError } from '../src/store/vector-collection-not-found.error';
import { VectorStoreInputError } from '../src/store/vector-store-input.error';
import { A, at, chunk, DIM } from './support/chunk-fixtures';
import { STORE_TARGETS, type OpenedStore, type StoreTarget } from './support/vector-store-targets';

const B = 'tenant-b';

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

  describe('deleteChunksFrom', () => {
    it("removes a document's tail only: other documents and tenants keep theirs", async () => {
      const name = await collection();
      await store.upsert(name, [
        ...[0, 1, 2, 3, 4].map((i) => chunk(A, 'doc', i, at(i))),
        ...[0, 1, 2, 3].map((i) => chunk(A, 'other', i, at(10 + i))),
        ...[0, 1, 2, 3].map((i) => chunk(B, 'doc', i, at(20 + i))),
      ]);
      await store.deleteChunksFrom(name, A, 'doc', 2);
      const asA = await store.search(name, A, at(0), { topK: 20 });
      expect(
        asA
          .filter((h) => h.documentId === 'doc')
          .map((h) => h.chunkIndex)
          .sort(),
      ).toEqual([0, 1]);
      expect(asA.filter((h) => h.documentId === 'other')).toHaveLength(4);
      expect(await store.search(name, B, at(0), { topK: 20 })).toHaveLength(4);
    });

    it('removes the whole document from 0, is a no-op past the end or without the collection', async () => {
      const name = await collection();
      await store.upsert(
        name,
        [0, 1].map((i) => chunk(A, 'doc', i, at(i))),
      );
      await store.deleteChunksFrom(name, A, 'doc', 5);
      expect(await store.search(name, A, at(0), { topK: 5 })).toHaveLength(2);
      await store.deleteChunksFrom(name, A, 'doc', 0);
      expect(await store.search(name, A, at(0), { topK: 5 })).toEqual([]);
      await expect(store.deleteChunksFrom('never-created', A, 'doc', 0)).resolves.toBeUndefined();
      await expect(store.deleteChunksFrom(name, A, 'doc', -1)).rejects.toBeInstanceOf(
        VectorStoreInputError,
      );
    });
  });

  describe('one-dimensional collections (the collection registry)', () => {
    it('lists every point of a tenant and matches them by metadata', async () => {
      const name = await collection(1);
      const entries = Array.from({ length: 30 }, (_, i) =>
        chunk(A, `entry-${i}`, 0, [1], { name: `entry-${i}` }),
      );
      await store.upsert(name, [...entries, chunk(B, 'entry-0', 0, [1], { name: 'entry-0' })]);
      const all = await store.search(name, A, [1], { topK: 1000 });
      expect(all).toHaveLength(30);
      expect(all.every((hit) => hit.score > 0.999)).toBe(true);
      const one = await store.search(name, B, [1], { topK: 1, filter: { name: 'entry-0' } });
      expect(one).toMatchObject([{ documentId: 'entry-0', metadata: { name: 'entry-0' } }]);
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
