import { createHash } from 'node:crypto';
import {
  startRetrieval,
  STORE_KINDS,
  type RetrievalUnderTest,
  type StoreKind,
} from './support/retrieval-for-tests';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const CONTEXT = sha('context-1');
const OTHER_CONTEXT = sha('context-2');

/**
 * The semantic response cache's index over NATS, on both stores: search embeds the message
 * (metered like any search) and finds entries by meaning within one tenant, model and
 * context; index stores a vector under an entry key; forget drops entries or a tenant's index.
 */
describe.each(STORE_KINDS)(
  'semantic cache index over NATS with the %s store',
  (kind: StoreKind) => {
    let service: RetrievalUnderTest;
    let requests = 0;
    const requestId = () => `req_cache_${kind}_${++requests}`;

    beforeAll(async () => {
      service = await startRetrieval(kind);
    });
    afterAll(() => service?.close());

    const search = (tenant: string, text: string, extra: Record<string, unknown> = {}) =>
      service.client.request('retrieval.v1.cache.search', {
        requestId: requestId(),
        tenant,
        model: 'local/echo',
        contextHash: CONTEXT,
        text,
        embeddingModel: 'local/embed',
        threshold: 0.9,
        budget: null,
        ...extra,
      });
    const index = async (tenant: string, text: string, entryKey: string, contextHash = CONTEXT) => {
      const { vector } = await search(tenant, text, { contextHash });
      await service.client.request('retrieval.v1.cache.index', {
        tenant,
        model: 'local/echo',
        contextHash,
        entryKey,
        vector,
      });
    };

    it('finds nothing (and costs the embedding) before anything is indexed', async () => {
      const result = await search('team:empty', 'How do I descale a kettle?');
      expect(result.matches).toEqual([]);
      expect(result.embedding.inputTokens).toBeGreaterThan(0);
      expect(result.embedding.charge.model).toBe('local/embed');
    });

    it('matches a message close in meaning, in the same tenant, model and context only', async () => {
      const entry = sha(`entry-${kind}-1`);
      await index('team:a', 'How do I descale my kettle with vinegar at home?', entry);
      const near = await search('team:a', 'How do I descale my kettle with white vinegar at home?');
      expect(near.matches).toHaveLength(1);
      expect(near.matches[0].entryKey).toBe(entry);
      expect(near.matches[0].similarity).toBeGreaterThan(0.9);

      expect((await search('team:a', 'Which trains run from Lyon to Turin?')).matches).toEqual([]);
      expect(
        (await search('team:b', 'How do I descale my kettle with vinegar at home?')).matches,
      ).toEqual([]);
      expect(
        (
          await search('team:a', 'How do I descale my kettle with vinegar at home?', {
            model: 'other/model',
          })
        ).matches,
      ).toEqual([]);
      expect(
        (
          await search('team:a', 'How do I descale my kettle with vinegar at home?', {
            contextHash: OTHER_CONTEXT,
          })
        ).matches,
      ).toEqual([]);
    });

    it('forgets named entries, and a tenant’s whole index', async () => {
      const kept = sha(`entry-${kind}-kept`);
      const dropped = sha(`entry-${kind}-dropped`);
      await index('team:c', 'Reset the router to factory settings', kept);
      await index('team:c', 'Bake sourdough bread with a starter', dropped);
      await service.client.request('retrieval.v1.cache.forget', {
        tenant: 'team:c',
        entryKeys: [dropped],
      });
      expect((await search('team:c', 'Bake sourdough bread with a starter')).matches).toEqual([]);
      expect((await search('team:c', 'Reset the router to factory settings')).matches).toHaveLength(
        1,
      );

      await service.client.request('retrieval.v1.cache.forget', { tenant: 'team:c' });
      expect((await search('team:c', 'Reset the router to factory settings')).matches).toEqual([]);
      // Forgetting what is already gone is harmless.
      await service.client.request('retrieval.v1.cache.forget', {
        tenant: 'team:c',
        entryKeys: [kept],
      });
    });
  },
);
