import type { DocumentInput } from '@conduit/contracts';
import { failureOf, startRetrieval, type RetrievalUnderTest } from './support/retrieval-for-tests';

const T = 'team-failures';
const TEXT = 'Store the spare keys in the blue box on the top shelf of the workshop.';
const STORE_TIMEOUT_MS = 400;

function helpers(service: () => RetrievalUnderTest) {
  let n = 0;
  const requestId = () => `req_fail_${++n}`;
  return {
    create: (name: string) =>
      service().client.request('retrieval.v1.collection.create', {
        requestId: requestId(),
        tenantId: T,
        collection: { name },
      }),
    ingest: (collection: string, documents: DocumentInput[]) =>
      service().client.request('retrieval.v1.document.upsert', {
        requestId: requestId(),
        tenantId: T,
        collection,
        documents,
        budget: null,
      }),
    documentsIn: async (collection: string) => {
      const { hits } = await service().client.request('retrieval.v1.search', {
        requestId: requestId(),
        tenantId: T,
        collection,
        query: 'spare keys',
        topK: 100,
        budget: null,
      });
      return [...new Set(hits.map((hit) => hit.document_id))].sort();
    },
  };
}

describe('retrieval without the embedding service', () => {
  let service: RetrievalUnderTest;
  const { create, ingest, documentsIn } = helpers(() => service);

  beforeAll(async () => {
    service = await startRetrieval('embedded', { RETRIEVAL_EMBEDDING_TIMEOUT_MS: '2000' });
  });
  afterAll(() => service?.close());

  it('fails with embedding_unavailable and stores nothing, then recovers', async () => {
    await create('docs');
    await ingest('docs', [{ id: 'kept', text: TEXT }]);
    await service.stopEmbedding();

    for (const call of [
      create('other'),
      ingest('docs', [{ id: 'lost', text: TEXT }]),
      documentsIn('docs'),
    ]) {
      expect(await failureOf(call)).toMatchObject({
        type: 'service_unavailable',
        code: 'embedding_unavailable',
      });
    }

    await service.startEmbedding();
    expect(await documentsIn('docs')).toEqual(['kept']);
  });
});

describe('retrieval on a failing Qdrant', () => {
  let service: RetrievalUnderTest;
  const { create, ingest, documentsIn } = helpers(() => service);

  beforeAll(async () => {
    service = await startRetrieval('qdrant', {
      RETRIEVAL_STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS),
    });
    await create('docs');
    await ingest('docs', [{ id: 'kept', text: TEXT }]);
  });
  afterAll(() => service?.close());

  it('fails a hung Qdrant with vector_store_unavailable within the store timeout', async () => {
    service.fake!.hangNext();
    const started = performance.now();
    const error = await failureOf(documentsIn('docs'));
    expect(error).toMatchObject({ type: 'service_unavailable', code: 'vector_store_unavailable' });
    expect(performance.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 1500);
    expect(await documentsIn('docs')).toEqual(['kept']);
  });

  it('fails on Qdrant 5xx with vector_store_unavailable', async () => {
    service.fake!.failNext(503);
    expect(await failureOf(documentsIn('docs'))).toMatchObject({
      code: 'vector_store_unavailable',
    });
  });

  it('says what was stored when a write fails midway, and a retry repairs it', async () => {
    const documents = [
      { id: 'first', text: TEXT },
      { id: 'second', text: `${TEXT} And the padlock code is on the back.` },
    ];
    // The first document's points are written, then removing its leftover chunks fails.
    service.fake!.failMatching(500, { method: 'POST', path: /\/points\/delete$/ });
    const error = await failureOf(ingest('docs', documents));
    expect(error).toMatchObject({ type: 'service_unavailable', code: 'vector_store_unavailable' });
    expect(error.message).toContain("Stored 0 of 2 documents; 'first' may be partly written");
    expect(error.message).toContain('Sending the same request again');
    expect(error.details).toMatchObject({
      storedDocuments: [],
      failedDocument: 'first',
      embedding: { charge: { model: 'local/embed' } },
    });
    expect(await documentsIn('docs')).not.toContain('second');

    await ingest('docs', documents);
    expect(await documentsIn('docs')).toEqual(['first', 'kept', 'second']);
  });

  it('fails with vector_store_unavailable while Qdrant is down', async () => {
    await service.fake!.stop();
    // Each failure is caught as its call starts: they run at once, and one that failed before
    // the loop reached it would be an unhandled rejection.
    const failures = [
      service.client.request('retrieval.v1.collection.list', { tenantId: T }),
      create('more'),
      ingest('docs', [{ text: TEXT }]),
      documentsIn('docs'),
    ].map((call) => failureOf(call));
    for (const failure of failures) {
      expect(await failure).toMatchObject({ code: 'vector_store_unavailable' });
    }
  });
});
