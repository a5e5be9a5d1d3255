import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import { FakeQdrantServer } from './fake-qdrant.server';

const statusOf = (error: unknown) => (error as { status?: number }).status;
const errorText = (error: unknown) =>
  (error as { data?: { status?: { error?: string } } }).data?.status?.error;

describe('FakeQdrantServer, driven by the official js client', () => {
  let fake: FakeQdrantServer;
  let client: QdrantClient;

  beforeEach(async () => {
    fake = await FakeQdrantServer.start();
    client = new QdrantClient({ url: fake.url, checkCompatibility: false, timeout: 2000 });
    await client.createCollection('docs', { vectors: { size: 3, distance: 'Cosine' } });
    await client.upsert('docs', {
      wait: true,
      points: [
        {
          id: 1,
          vector: [1, 0, 0],
          payload: { tenant: 'a', tags: ['x', 'y'], n: 1, meta: { lang: 'en' } },
        },
        {
          id: 2,
          vector: [0, 1, 0],
          payload: { tenant: 'a', tags: ['z'], n: 5, meta: { lang: 'de' } },
        },
        {
          id: '6F9619FF-8B86-D011-B42D-00CF4FC964FF',
          vector: [0, 0, 2],
          payload: { tenant: 'b', n: 9, meta: { lang: 'en' } },
        },
      ],
    });
  });

  afterEach(() => fake.stop());

  it('answers the version probe and reports collections', async () => {
    expect(await client.versionInfo()).toMatchObject({ title: 'qdrant - vector search engine' });
    expect(await client.collectionExists('docs')).toEqual({ exists: true });
    expect(await client.collectionExists('nope')).toEqual({ exists: false });
    const info = await client.getCollection('docs');
    expect(info.points_count).toBe(3);
    expect(info.config.params.vectors).toEqual({ size: 3, distance: 'Cosine' });
  });

  it("answers Qdrant's status codes and error texts", async () => {
    const missing: unknown = await client.getCollection('nope').catch((e: unknown) => e);
    expect(statusOf(missing)).toBe(404);
    expect(errorText(missing)).toBe("Not found: Collection `nope` doesn't exist!");
    const exists: unknown = await client
      .createCollection('docs', { vectors: { size: 3, distance: 'Cosine' } })
      .catch((e: unknown) => e);
    expect(statusOf(exists)).toBe(409);
    const wrongSize: unknown = await client
      .upsert('docs', { points: [{ id: 3, vector: [1, 2] }] })
      .catch((e: unknown) => e);
    expect(statusOf(wrongSize)).toBe(400);
    expect(errorText(wrongSize)).toBe(
      'Wrong input: Vector dimension error: expected dim: 3, got 2',
    );
    const badId: unknown = await client
      .upsert('docs', { points: [{ id: 'not-a-uuid', vector: [1, 2, 3] }] })
      .catch((e: unknown) => e);
    expect(statusOf(badId)).toBe(400);
    expect(await client.deleteCollection('nope')).toBe(false);
  });

  it('stores cosine vectors normalised and canonicalises UUIDs', () => {
    const points = fake.collection('docs')!.points;
    expect(points.find((p) => typeof p.id === 'string')).toMatchObject({
      id: '6f9619ff-8b86-d011-b42d-00cf4fc964ff',
      vector: [0, 0, 1],
    });
  });

  it('queries by cosine similarity with limit, threshold and payload selection', async () => {
    const { points } = await client.query('docs', {
      query: [1, 0.1, 0],
      limit: 2,
      with_payload: ['n'],
    });
    expect(points.map((p) => p.id)).toEqual([1, 2]);
    expect(points[0].score).toBeCloseTo(1 / Math.sqrt(1.01), 6);
    expect(points[0].payload).toEqual({ n: 1 });
    const above = await client.query('docs', { query: [1, 0.1, 0], score_threshold: 0.5 });
    expect(above.points.map((p) => p.id)).toEqual([1]);
    expect(above.points[0].payload).toBeUndefined();
  });

  it('evaluates must, should, must_not, nested filters, match any/except and ranges', async () => {
    const ids = async (filter: Schemas['Filter']) =>
      (await client.query('docs', { query: [1, 1, 1], filter, limit: 10 })).points
        .map((p) => p.id)
        .sort();
    expect(await ids({ must: [{ key: 'tenant', match: { value: 'a' } }] })).toEqual([1, 2]);
    expect(await ids({ must: [{ key: 'tags', match: { any: ['y', 'q'] } }] })).toEqual([1]);
    expect(await ids({ must: [{ key: 'meta.lang', match: { value: 'en' } }] })).toEqual([
      1,
      '6f9619ff-8b86-d011-b42d-00cf4fc964ff',
    ]);
    expect(await ids({ must: [{ key: 'n', range: { gt: 1, lte: 9 } }] })).toEqual([
      2,
      '6f9619ff-8b86-d011-b42d-00cf4fc964ff',
    ]);
    expect(
      await ids({
        should: [
          { key: 'n', match: { value: 1 } },
          { key: 'n', match: { value: 9 } },
        ],
        must_not: [{ key: 'tenant', match: { value: 'b' } }],
      }),
    ).toEqual([1]);
    expect(
      await ids({ must: [{ should: [{ key: 'tags', match: { except: ['x', 'y'] } }] }] }),
    ).toEqual([2, '6f9619ff-8b86-d011-b42d-00cf4fc964ff']);
    expect(await ids({ must: [{ has_id: [2] }] })).toEqual([2]);
    const { count } = await client.count('docs', {
      filter: { must: [{ key: 'tenant', match: { value: 'a' } }] },
    });
    expect(count).toBe(2);
  });

  it('deletes by filter and by id, waiting when asked', async () => {
    const result = await client.delete('docs', {
      wait: true,
      filter: { must: [{ key: 'tenant', match: { value: 'a' } }] },
    });
    expect(result.status).toBe('completed');
    await client.delete('docs', { wait: true, points: ['6f9619ff-8b86-d011-b42d-00cf4fc964ff'] });
    expect((await client.count('docs')).count).toBe(0);
  });

  it('records payload indexes in the collection info', async () => {
    await client.createPayloadIndex('docs', {
      field_name: 'tenant',
      field_schema: { type: 'keyword', is_tenant: true },
      wait: true,
    });
    const info = await client.getCollection('docs');
    expect(info.payload_schema.tenant).toMatchObject({ data_type: 'keyword', points: 3 });
  });

  it('refuses bad JSON, unknown routes and a missing API key like Qdrant', async () => {
    const badJson = await fetch(`${fake.url}/collections/docs/points/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { status: { error: string } }).status.error).toMatch(
      /^Format error in JSON body/,
    );
    expect((await fetch(`${fake.url}/nowhere`)).status).toBe(404);
    const locked = await FakeQdrantServer.start({ apiKey: 'secret' });
    try {
      expect((await fetch(`${locked.url}/collections`)).status).toBe(401);
      const ok = await fetch(`${locked.url}/collections`, { headers: { 'api-key': 'secret' } });
      expect(await ok.json()).toMatchObject({ result: { collections: [] }, status: 'ok' });
    } finally {
      await locked.stop();
    }
  });

  it('injects failures, delays and hangs, then recovers', async () => {
    fake.failNext(503, 2);
    for (let i = 0; i < 2; i++) {
      expect(statusOf(await client.count('docs').catch((e: unknown) => e))).toBe(503);
    }
    expect((await client.count('docs')).count).toBe(3);
    fake.delayMs = 100;
    const started = performance.now();
    await client.count('docs');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    fake.delayMs = 0;
    fake.hangNext();
    const impatient = new QdrantClient({ url: fake.url, checkCompatibility: false, timeout: 200 });
    const hung: unknown = await impatient.count('docs').catch((e: unknown) => e);
    expect((hung as Error).name).toMatch(/AbortError|QdrantClientTimeoutError/);
    expect((await client.count('docs')).count).toBe(3);
  });

  it('fails only the requests a targeted fault matches', async () => {
    fake.failMatching(500, { method: 'POST', path: /\/points\/delete$/ });
    expect((await client.count('docs')).count).toBe(3);
    const failed: unknown = await client
      .delete('docs', { wait: true, points: [1] })
      .catch((e: unknown) => e);
    expect(statusOf(failed)).toBe(500);
    await client.delete('docs', { wait: true, points: [1] });
    expect((await client.count('docs')).count).toBe(2);
  });
});
