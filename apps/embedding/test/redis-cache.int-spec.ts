import { loadConfig } from '@conduit/config';
import { Subjects, unpackVector, type EmbedResult } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import {
  FakeOpenAIServer,
  startCuttableTcpProxy,
  startTestBus,
  type CuttableTcpProxy,
  type TestBus,
} from '@conduit/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { countTokens as cl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { Redis } from 'ioredis';
import { AppModule } from '../src/app.module';
import { VectorCache } from '../src/cache/vector-cache';
import { EmbeddingConfigSchema } from '../src/config/embedding-config.schema';
import { API_KEY, fakeVector, fresh, SMALL } from './support/embedding-harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TTL_SECONDS = 300;

/** The value of `conduit_embedding_cache_lookups_total{result}` in this process. */
async function lookups(result: string): Promise<number> {
  const metric = await metricsRegistry
    .getSingleMetric('conduit_embedding_cache_lookups_total')
    ?.get();
  return metric?.values.find((value) => value.labels.result === result)?.value ?? 0;
}

/** Counts how `conduit_embedding_cache_lookups_total` moves while `run` runs. */
async function lookupsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const results = ['hit', 'miss', 'corrupt', 'error'];
  const before = await Promise.all(results.map(lookups));
  await run();
  const after = await Promise.all(results.map(lookups));
  return Object.fromEntries(results.map((result, i) => [result, after[i] - before[i]]));
}

describe('the vector cache in Redis, shared by replicas', () => {
  let fake: FakeOpenAIServer;
  let bus: TestBus;
  let redis: Redis;
  const apps: INestApplicationContext[] = [];
  const buses: TestBus[] = [];

  const envFor = (on: TestBus, env: Record<string, string> = {}) =>
    loadConfig(EmbeddingConfigSchema, {
      ...on.env,
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: API_KEY,
      OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small',
      EMBEDDING_PROVIDER_TIMEOUT_MS: '1000',
      REDIS_URL,
      EMBEDDING_CACHE_TTL_SECONDS: String(TTL_SECONDS),
      ...env,
    });

  /** One more embedding replica on `on`'s NATS subject prefix (its own process in production). */
  const replica = async (on: TestBus = bus, env: Record<string, string> = {}) => {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(envFor(on, env)), {
      logger: false,
    });
    await app.init();
    apps.push(app);
    return app;
  };
  const stop = async (app: INestApplicationContext) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const embed = (texts: string[], on: TestBus = bus): Promise<EmbedResult> =>
    on.client.request(Subjects.embeddingEmbed, { requestId: 'req_cache', model: SMALL, texts });
  const redisKey = (on: TestBus, text: string) =>
    `conduit:ec:${on.env.NATS_SUBJECT_PREFIX}:${VectorCache.key(SMALL, 1536, text)}`;
  /** Each vector is the provider's for its text, bit for bit (compared as a count, to keep failures short). */
  const expectVectorsOf = (result: EmbedResult, texts: string[]) => {
    const wrong = texts.filter(
      (text, i) => result.vectors[i] !== fakeVector('text-embedding-3-small', text, 1536),
    );
    expect(wrong).toEqual([]);
  };

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: API_KEY });
    // A subject prefix of its own (uniqueSubjectPrefix): its cache keys are this run's only.
    bus = await startTestBus();
    buses.push(bus);
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await redis.connect();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const each of buses) await each.close();
    await fake?.stop();
    if (redis) {
      for (const each of buses) {
        const keys = await redis.keys(`conduit:ec:${each.env.NATS_SUBJECT_PREFIX}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      await redis.quit();
    }
  });

  it('answers on replica B what replica A embedded, still charging it, from one shared entry per text', async () => {
    const texts = fresh(3, 'shared');
    const a = await replica();
    const first = await embed(texts);
    expect(first.cachedTexts).toBe(0);
    expectVectorsOf(first, texts);
    expect(fake.embeddingCalls).toBe(1);
    await stop(a);

    // B, a fresh process with an empty memory, on the same subject prefix.
    const b = await replica();
    const second = await embed([texts[2], 'a text nobody embedded yet', texts[0]]);
    expect(second.cachedTexts).toBe(2);
    expect(second.vectors[0]).toBe(first.vectors[2]);
    expect(second.vectors[2]).toBe(first.vectors[0]);
    expect(fake.embeddingCalls).toBe(2);
    expect(fake.embeddingInputsPerCall).toEqual([3, 1]);
    // Hits are charged like misses: the same texts cost the same.
    const again = await embed(texts);
    expect(again.cachedTexts).toBe(3);
    expect(again.inputTokens).toBe(first.inputTokens);
    expect(again.charge).toEqual(first.charge);
    await stop(b);

    // Stored compactly with its TTL: a 5-byte header and 1536 float32s, not JSON or base64.
    const key = redisKey(bus, texts[0]);
    const stored = await redis.getBuffer(key);
    expect(stored).toHaveLength(5 + 4 * 1536);
    expect(stored![0]).toBe(1);
    expect(stored!.readUInt32LE(1)).toBe(cl100kTokens(texts[0]));
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(TTL_SECONDS - 30);
    expect(ttl).toBeLessThanOrEqual(TTL_SECONDS);
  });

  it('serves every repeat from the cache whichever of two live replicas answers', async () => {
    await replica();
    await replica();
    const texts = fresh(12, 'either');
    for (const text of texts) expect((await embed([text])).cachedTexts).toBe(0);
    // A memory cache per replica would miss about half of these (the queue group picks one at random).
    const counted = await lookupsDuring(async () => {
      for (const text of texts) expect((await embed([text])).cachedTexts).toBe(1);
    });
    expect(counted).toEqual({ hit: 12, miss: 0, corrupt: 0, error: 0 });
    expect(fake.embeddingCalls).toBe(12);
  });

  it('keeps dimensions apart: another length of the same text is another entry', async () => {
    const [text] = fresh(1, 'length');
    await embed([text]);
    const shorter: EmbedResult = await bus.client.request(Subjects.embeddingEmbed, {
      requestId: 'req_cache',
      model: SMALL,
      texts: [text],
      dimensions: 256,
    });
    expect(shorter.cachedTexts).toBe(0);
    expect(unpackVector(shorter.vectors[0])).toHaveLength(256);
  });

  it('drops a corrupt entry: embeds the text for real, answers correctly and overwrites it', async () => {
    const texts = fresh(4, 'corrupt');
    await embed(texts);
    const good = await redis.getBuffer(redisKey(bus, texts[0]));
    // Garbage, a truncated value, one written for another length, and an absurd token count.
    await redis.set(redisKey(bus, texts[0]), 'not a vector');
    await redis.set(redisKey(bus, texts[1]), good!.subarray(0, 100));
    await redis.set(redisKey(bus, texts[2]), Buffer.concat([good!, good!.subarray(5, 9)]));
    const absurd = Buffer.from(good!);
    absurd.writeUInt32LE(1_000_000, 1);
    await redis.set(redisKey(bus, texts[3]), absurd);
    fake.reset();

    let result!: EmbedResult;
    const counted = await lookupsDuring(async () => {
      result = await embed(texts);
    });
    expect(counted).toEqual({ hit: 0, miss: 0, corrupt: 4, error: 0 });
    expect(result.cachedTexts).toBe(0);
    expectVectorsOf(result, texts);
    expect(fake.embeddingCalls).toBe(1);
    // Overwritten with the fresh vector: the next request is a hit again.
    expect(await redis.getBuffer(redisKey(bus, texts[0]))).toEqual(good);
    expect((await embed(texts)).cachedTexts).toBe(4);
  });

  it('embeds uncached when REDIS_URL points at nothing: every text a miss, never an error', async () => {
    const elsewhere = await startTestBus();
    buses.push(elsewhere);
    await replica(elsewhere, { REDIS_URL: 'redis://127.0.0.1:1' });
    const texts = fresh(2, 'no redis');
    const counted = await lookupsDuring(async () => {
      for (let round = 0; round < 2; round += 1) {
        const startedAt = performance.now();
        const result = await embed(texts, elsewhere);
        expect(result.cachedTexts).toBe(0);
        expectVectorsOf(result, texts);
        expect(performance.now() - startedAt).toBeLessThan(1_500);
      }
    });
    expect(counted).toEqual({ hit: 0, miss: 0, corrupt: 0, error: 4 });
    expect(fake.embeddingCalls).toBe(2);
  });

  it('goes on uncached while Redis is cut, and shares hits again once it is back', async () => {
    const target = new URL(REDIS_URL);
    const proxy: CuttableTcpProxy = await startCuttableTcpProxy(
      target.hostname,
      Number(target.port),
    );
    try {
      const elsewhere = await startTestBus();
      buses.push(elsewhere);
      await replica(elsewhere, { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
      const texts = fresh(2, 'cut');
      await embed(texts, elsewhere);
      expect((await embed(texts, elsewhere)).cachedTexts).toBe(2);

      await proxy.cut();
      const during = await embed(texts, elsewhere);
      expect(during.cachedTexts).toBe(0);
      expectVectorsOf(during, texts);

      await proxy.restore();
      let after = 0;
      for (let attempt = 0; attempt < 50 && after === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = (await embed(texts, elsewhere)).cachedTexts;
      }
      expect(after).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});
