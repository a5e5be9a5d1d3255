import { NotFoundError } from '@conduit/contracts';
import { TimedVectorStore } from './timed.vector-store';
import type { VectorStore } from './vector-store';
import { VectorStoreUnavailableError } from './vector-store-unavailable.error';

/** A store whose every call does what `behaviour` says. */
function storeThat(behaviour: () => Promise<unknown>): VectorStore {
  const call = () => behaviour();
  return {
    kind: 'embedded',
    ensureCollection: call,
    dropCollection: call,
    upsert: call,
    deleteDocument: call,
    deleteChunksFrom: call,
    search: call,
    close: () => Promise.resolve(),
  } as unknown as VectorStore;
}
type SearchResult = Awaited<ReturnType<VectorStore['search']>>;

describe('TimedVectorStore', () => {
  it('fails a call that outlives the timeout as vector_store_unavailable', async () => {
    const store = new TimedVectorStore(
      storeThat(() => new Promise<never>(() => undefined)),
      50,
    );
    const started = performance.now();
    const error: unknown = await store.search('c', 't', [1], { topK: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorStoreUnavailableError);
    expect((error as Error).message).toMatch(/did not complete search within 50 ms/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('passes results and domain errors through untouched', async () => {
    const hits: SearchResult = [];
    await expect(
      new TimedVectorStore(
        storeThat(() => Promise.resolve(hits)),
        50,
      ).search('c', 't', [1], {
        topK: 1,
      }),
    ).resolves.toBe(hits);
    const notFound = new NotFoundError('gone');
    await expect(
      new TimedVectorStore(
        storeThat(() => Promise.reject(notFound)),
        50,
      ).dropCollection('c'),
    ).rejects.toBe(notFound);
  });

  it("reports the store's own failures (PGlite, a closed database) as unavailable", async () => {
    const store = new TimedVectorStore(
      storeThat(() => Promise.reject(new Error('PGlite is closed'))),
      50,
    );
    const error: unknown = await store.upsert('c', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorStoreUnavailableError);
    expect((error as Error).message).toContain('PGlite is closed');
  });
});
