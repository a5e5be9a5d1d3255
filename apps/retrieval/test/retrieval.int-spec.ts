import type { DocumentInput, SearchRequest } from '@conduit/contracts';
import {
  failureOf,
  startRetrieval,
  STORE_KINDS,
  type RetrievalUnderTest,
  type StoreKind,
} from './support/retrieval-for-tests';

const A = 'team-a';
const B = 'team-b';

const KETTLE =
  'Fill the kettle with fresh water and switch it on. Water for green tea should rest ' +
  'for two minutes after boiling, because boiling water scorches the leaves.';
const BIKE =
  'To fix a flat bicycle tyre, remove the wheel, lever the tyre off the rim, find the ' +
  'puncture in the inner tube by listening for air, and patch it.';
const SOURDOUGH =
  'A sourdough starter is flour and water fermented by wild yeast. Feed it daily, keep it ' +
  'warm, and bake once it doubles within six hours.';
const MANUAL = Array.from(
  { length: 6 },
  (_, i) =>
    `Chapter ${i + 1}. The espresso machine needs descaling every ${i + 2} weeks; run the ` +
    `cleaning cycle with citric acid, rinse twice, and check the gasket number ${i + 1}.`,
).join('\n\n');

describe.each(STORE_KINDS)('retrieval over NATS with the %s store', (kind: StoreKind) => {
  let service: RetrievalUnderTest;
  let requests = 0;
  const requestId = () => `req_${kind}_${++requests}`;

  beforeAll(async () => {
    service = await startRetrieval(kind);
  });
  afterAll(() => service?.close());

  const create = (tenantId: string, name: string, extra: { description?: string } = {}) =>
    service.client.request('retrieval.v1.collection.create', {
      requestId: requestId(),
      tenantId,
      collection: { name, ...extra },
    });
  const ingest = (tenantId: string, collection: string, documents: DocumentInput[]) =>
    service.client.request('retrieval.v1.document.upsert', {
      requestId: requestId(),
      tenantId,
      collection,
      documents,
      budget: null,
    });
  const search = (
    tenantId: string,
    collection: string,
    query: string,
    extra: Partial<SearchRequest> = {},
  ) =>
    service.client.request('retrieval.v1.search', {
      requestId: requestId(),
      tenantId,
      collection,
      query,
      topK: 100,
      budget: null,
      ...extra,
    });
  const chunksOf = async (tenantId: string, collection: string, documentId: string) =>
    (await search(tenantId, collection, 'espresso descaling')).hits.filter(
      (hit) => hit.document_id === documentId,
    );

  describe('collections', () => {
    it("keeps each tenant's names apart: both may have 'docs', each lists only its own", async () => {
      const own = await create(A, 'docs', { description: 'Team A handbook' });
      expect(own).toMatchObject({
        object: 'collection',
        name: 'docs',
        embedding_model: 'local/embed',
        description: 'Team A handbook',
      });
      expect(own.dimensions).toBeGreaterThan(0);
      await create(B, 'docs');
      await create(A, 'a.only-Collection_2');
      const listed = await service.client.request('retrieval.v1.collection.list', {
        tenantId: A,
      });
      // By name.
      expect(listed.data.map((collection) => collection.name)).toEqual([
        'a.only-Collection_2',
        'docs',
      ]);
      expect(
        await service.client.request('retrieval.v1.collection.get', { tenantId: A, name: 'docs' }),
      ).toEqual(own);
      const listedB = await service.client.request('retrieval.v1.collection.list', {
        tenantId: B,
      });
      expect(listedB.data.map((collection) => collection.name)).toEqual(['docs']);
      expect(listedB.data[0].description).toBeNull();
    });

    it('refuses a duplicate name, and an unknown or disallowed embedding model', async () => {
      const duplicate = await failureOf(create(A, 'docs'));
      expect(duplicate).toMatchObject({
        type: 'validation_error',
        code: 'collection_exists',
        param: 'name',
      });
      const unknownModel = await failureOf(
        service.client.request('retrieval.v1.collection.create', {
          requestId: requestId(),
          tenantId: A,
          collection: { name: 'nope', embedding_model: 'nobody/no-such-model' },
        }),
      );
      expect(unknownModel).toMatchObject({ type: 'not_found' });
      const notAllowed = await failureOf(
        service.client.request('retrieval.v1.collection.create', {
          requestId: requestId(),
          tenantId: A,
          collection: { name: 'nope' },
          allowedModels: ['openai/text-embedding-3-small'],
        }),
      );
      expect(notAllowed.type).toBe('permission_denied');
      const names = (await service.client.request('retrieval.v1.collection.list', { tenantId: A }))
        .data;
      expect(names.map((collection) => collection.name)).not.toContain('nope');
    });

    it('says collection_not_found for a collection the tenant does not have', async () => {
      const calls = [
        service.client.request('retrieval.v1.collection.get', { tenantId: A, name: 'missing' }),
        service.client.request('retrieval.v1.collection.delete', { tenantId: A, name: 'missing' }),
        ingest(A, 'missing', [{ text: KETTLE }]),
        search(A, 'missing', 'tea'),
        service.client.request('retrieval.v1.document.delete', {
          tenantId: A,
          collection: 'missing',
          documentId: 'x',
        }),
      ];
      for (const call of calls) {
        expect(await failureOf(call)).toMatchObject({
          type: 'not_found',
          code: 'collection_not_found',
        });
      }
    });

    it('deletes a collection with its chunks: a new one of the same name starts empty', async () => {
      await create(A, 'scratch');
      await ingest(A, 'scratch', [{ id: 'kettle', text: KETTLE }]);
      const deleted = await service.client.request('retrieval.v1.collection.delete', {
        tenantId: A,
        name: 'scratch',
      });
      expect(deleted).toEqual({ object: 'collection.deleted', name: 'scratch', deleted: true });
      expect(await failureOf(search(A, 'scratch', 'tea'))).toMatchObject({ type: 'not_found' });
      await create(A, 'scratch');
      expect((await search(A, 'scratch', 'green tea kettle')).hits).toEqual([]);
    });
  });

  describe('tenant isolation', () => {
    beforeAll(async () => {
      await ingest(A, 'docs', [{ id: 'secret', text: KETTLE, metadata: { owner: 'a' } }]);
      await ingest(B, 'docs', [{ id: 'bike', text: BIKE }]);
    });

    it("never shows tenant B tenant A's documents, even in B's own 'docs'", async () => {
      const asB = await search(B, 'docs', 'water for green tea after boiling');
      expect(asB.hits.map((hit) => hit.document_id)).toEqual(asB.hits.map(() => 'bike'));
      const asA = await search(A, 'docs', 'water for green tea after boiling');
      expect(asA.hits[0]).toMatchObject({ document_id: 'secret', metadata: { owner: 'a' } });
    });

    it("lets B neither see, search, fill nor delete A's collection or documents", async () => {
      for (const call of [
        service.client.request('retrieval.v1.collection.get', {
          tenantId: B,
          name: 'a.only-Collection_2',
        }),
        search(B, 'a.only-Collection_2', 'tea'),
        ingest(B, 'a.only-Collection_2', [{ text: BIKE }]),
        service.client.request('retrieval.v1.collection.delete', {
          tenantId: B,
          name: 'a.only-Collection_2',
        }),
      ]) {
        expect(await failureOf(call)).toMatchObject({ code: 'collection_not_found' });
      }
      const deleted = await service.client.request('retrieval.v1.document.delete', {
        tenantId: B,
        collection: 'docs',
        documentId: 'secret',
      });
      expect(deleted).toEqual({
        object: 'document.deleted',
        id: 'secret',
        deleted: false,
        chunks: 0,
      });
      expect((await search(A, 'docs', 'kettle')).hits.map((hit) => hit.document_id)).toContain(
        'secret',
      );
    });
  });

  describe('ingest', () => {
    beforeAll(() => create(A, 'manuals'));

    it('chunks by tokens, reports usage, and gives documents without an id one', async () => {
      const result = await ingest(A, 'manuals', [
        { id: 'manual', text: MANUAL, metadata: { kind: 'manual' } },
        { text: SOURDOUGH },
      ]);
      const [manual, generated] = result.documents;
      expect(manual.id).toBe('manual');
      expect(manual.chunks).toBeGreaterThan(2);
      expect(generated.id).toMatch(/^doc_[0-9a-f-]{36}$/);
      expect(result.embedding.inputTokens).toBeGreaterThan(0);
      expect(result.embedding.charge).toMatchObject({ model: 'local/embed' });
      const hits = await chunksOf(A, 'manuals', 'manual');
      expect(hits.map((hit) => hit.chunk_index).sort((x, y) => x - y)).toEqual(
        Array.from({ length: manual.chunks }, (_, i) => i),
      );
      expect(hits.every((hit) => hit.metadata.kind === 'manual')).toBe(true);
    });

    it('is idempotent by id, and a shorter re-ingest leaves none of the old chunks', async () => {
      const first = await ingest(A, 'manuals', [{ id: 'manual', text: MANUAL }]);
      const again = await ingest(A, 'manuals', [{ id: 'manual', text: MANUAL }]);
      expect(again.documents).toEqual(first.documents);
      expect(await chunksOf(A, 'manuals', 'manual')).toHaveLength(first.documents[0].chunks);

      const short = 'The espresso machine is now descaled automatically.';
      const shrunk = await ingest(A, 'manuals', [{ id: 'manual', text: short }]);
      expect(shrunk.documents).toEqual([{ id: 'manual', chunks: 1 }]);
      const left = await chunksOf(A, 'manuals', 'manual');
      expect(left.map((hit) => [hit.chunk_index, hit.text])).toEqual([[0, short]]);
    });

    it('refuses the same id twice in one request, storing nothing', async () => {
      const error = await failureOf(
        ingest(A, 'manuals', [
          { id: 'twice', text: KETTLE },
          { id: 'twice', text: BIKE },
        ]),
      );
      expect(error).toMatchObject({ type: 'validation_error', code: 'duplicate_document_id' });
      expect(await chunksOf(A, 'manuals', 'twice')).toEqual([]);
    });

    it('deletes a document and says how many chunks it had', async () => {
      await ingest(A, 'manuals', [{ id: 'gone', text: MANUAL }]);
      const chunks = (await chunksOf(A, 'manuals', 'gone')).length;
      const deleted = await service.client.request('retrieval.v1.document.delete', {
        tenantId: A,
        collection: 'manuals',
        documentId: 'gone',
      });
      expect(deleted).toEqual({ object: 'document.deleted', id: 'gone', deleted: true, chunks });
      expect(await chunksOf(A, 'manuals', 'gone')).toEqual([]);
    });
  });

  describe('search and context', () => {
    beforeAll(async () => {
      await create(A, 'kb');
      await ingest(A, 'kb', [
        { id: 'kettle', text: KETTLE, metadata: { lang: 'en', year: 2020 } },
        { id: 'bike', text: BIKE, metadata: { lang: 'de', year: 2023 } },
        { id: 'bread', text: SOURDOUGH, metadata: { lang: 'fr', year: 2024 } },
        { id: 'manual', text: MANUAL, metadata: { lang: 'en', year: 2019 } },
      ]);
    });

    it('ranks the matching document first, with the chunk and its metadata', async () => {
      const { hits, embedding } = await search(A, 'kb', 'how do I patch a bicycle inner tube', {
        topK: 3,
      });
      expect(hits).toHaveLength(3);
      expect(hits[0]).toMatchObject({
        document_id: 'bike',
        chunk_index: 0,
        metadata: { lang: 'de' },
      });
      expect(hits[0].score).toBeGreaterThan(hits[2].score);
      expect(embedding.inputTokens).toBeGreaterThan(0);
    });

    it('filters on metadata inside the store: equality, lists and ranges', async () => {
      const docs = async (filter: SearchRequest['filter']) =>
        [
          ...new Set((await search(A, 'kb', 'water', { filter })).hits.map((h) => h.document_id)),
        ].sort();
      expect(await docs({ lang: 'de' })).toEqual(['bike']);
      expect(await docs({ lang: { in: ['de', 'fr'] } })).toEqual(['bike', 'bread']);
      expect(await docs({ year: { gte: 2020, lte: 2023 } })).toEqual(['bike', 'kettle']);
      expect(await docs({ lang: 'en', year: 2019 })).toEqual(['manual']);
      const bad = await failureOf(search(A, 'kb', 'water', { filter: { 'a.b': 'x' } }));
      expect(bad).toMatchObject({ type: 'validation_error', param: 'filter' });
    });

    it('drops hits under the score threshold', async () => {
      const exact = await search(A, 'kb', KETTLE, { scoreThreshold: 0.999 });
      expect(exact.hits.map((hit) => hit.document_id)).toEqual(['kettle']);
      expect(exact.hits[0].score).toBeGreaterThanOrEqual(0.999);
    });

    it('builds a numbered context within the token budget, citing its sources', async () => {
      const build = (maxContextTokens: number, extra: Partial<SearchRequest> = {}) =>
        service.client.request('retrieval.v1.context.build', {
          requestId: requestId(),
          tenantId: A,
          collection: 'kb',
          query: 'descaling the espresso machine',
          topK: 5,
          budget: null,
          maxContextTokens,
          ...extra,
        });
      const wide = await build(2000);
      expect(wide.sources.map((source) => source.index)).toEqual([1, 2, 3, 4, 5]);
      expect(wide.context.startsWith(`[1] (document ${wide.sources[0].document_id})\n`)).toBe(true);
      expect(wide.context).toContain(`\n\n[2] (document ${wide.sources[1].document_id})\n`);
      expect(wide.sources[0].document_id).toBe('manual');
      expect(wide.contextTokens).toBeLessThanOrEqual(2000);

      const narrow = await build(60);
      expect(narrow.sources.length).toBeGreaterThanOrEqual(1);
      expect(narrow.sources.length).toBeLessThan(5);
      expect(narrow.contextTokens).toBeLessThanOrEqual(60);
      expect(narrow.sources[0]).toEqual(wide.sources[0]);

      const none = await build(500, { filter: { lang: 'xx' } });
      expect(none).toMatchObject({ context: '', sources: [], contextTokens: 0 });
      expect(none.embedding.charge.model).toBe('local/embed');
    });
  });
});
