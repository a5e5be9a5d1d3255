import { packVector } from '@conduit/contracts';
import type { Logger } from '@conduit/telemetry';
import { EventEmitter } from 'node:events';
import { RedisVectorCache } from './redis-vector-cache';
import { encodeCachedVector } from './vector-cache-codec';

/** Just the ioredis surface the cache uses, over a Map; `fail` makes every command reject. */
class MockRedis extends EventEmitter {
  static last: MockRedis;
  readonly data = new Map<string, { value: Buffer; ttl: number }>();
  readonly calls: unknown[][] = [];
  status = 'connecting';
  fail: Error | null = null;

  constructor(
    readonly url: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
    MockRedis.last = this;
    setImmediate(() => {
      this.status = 'ready';
      this.emit('ready');
    });
  }

  mgetBuffer(keys: string[]): Promise<(Buffer | null)[]> {
    this.calls.push(['mget', ...keys]);
    if (this.fail) return Promise.reject(this.fail);
    return Promise.resolve(keys.map((key) => this.data.get(key)?.value ?? null));
  }

  pipeline() {
    const queued: [string, Buffer, string, number][] = [];
    const pipeline = {
      get length() {
        return queued.length;
      },
      set: (key: string, value: Buffer, ex: string, ttl: number) => {
        queued.push([key, value, ex, ttl]);
        return pipeline;
      },
      exec: () => {
        this.calls.push(['pipeline', ...queued.map(([key]) => key)]);
        if (this.fail) return Promise.resolve(queued.map(() => [this.fail, null]));
        for (const [key, value, , ttl] of queued) this.data.set(key, { value, ttl });
        return Promise.resolve(queued.map(() => [null, 'OK']));
      },
    };
    return pipeline;
  }

  quit() {
    this.status = 'end';
    return Promise.resolve('OK');
  }

  disconnect() {
    this.status = 'end';
  }
}

// A getter: the factory is hoisted above the class, and read when the cache is constructed.
jest.mock('ioredis', () => ({
  get Redis() {
    return MockRedis;
  },
}));

const logger = { warn: jest.fn() } as unknown as Logger;
const v = (...floats: number[]) => packVector(floats);

function start(): { cache: RedisVectorCache; redis: MockRedis } {
  const cache = new RedisVectorCache({
    url: 'redis://example:6379',
    keyPrefix: 'conduit:ec:test:',
    ttlSeconds: 600,
    commandTimeoutMs: 50,
    logger,
  });
  return { cache, redis: MockRedis.last };
}

describe('RedisVectorCache', () => {
  it('fails fast instead of queueing, with a bounded command time', () => {
    const { redis } = start();
    expect(redis.options).toMatchObject({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 50,
      connectTimeout: 1_000,
    });
  });

  it('stores the misses of a request in one pipeline of SET … EX under the prefixed key, as bytes', async () => {
    const { cache, redis } = start();
    await cache.setMany(
      [
        { key: 'k1', value: { vector: v(1, 2), tokens: 3 } },
        { key: 'k2', value: { vector: v(0.5, -0.5), tokens: 1 } },
      ],
      2,
    );
    expect(redis.calls).toEqual([['pipeline', 'conduit:ec:test:k1', 'conduit:ec:test:k2']]);
    const stored = redis.data.get('conduit:ec:test:k1')!;
    expect(stored.ttl).toBe(600);
    expect(stored.value).toEqual(encodeCachedVector({ vector: v(1, 2), tokens: 3 }, 2));
    expect(stored.value).toHaveLength(13);
  });

  it('looks a request up with one MGET: hits, misses and corrupt values, in order', async () => {
    const { cache, redis } = start();
    await cache.setMany([{ key: 'good', value: { vector: v(1, 2), tokens: 3 } }], 2);
    redis.data.set('conduit:ec:test:short', { value: Buffer.from([1, 0, 0, 0, 0, 1]), ttl: 1 });
    redis.data.set('conduit:ec:test:text', { value: Buffer.from('not a vector'), ttl: 1 });
    redis.calls.length = 0;
    const found = await cache.getMany(['good', 'absent', 'short', 'text'], 2);
    expect(found).toEqual([{ vector: v(1, 2), tokens: 3 }, 'miss', 'corrupt', 'corrupt']);
    expect(redis.calls).toEqual([
      [
        'mget',
        'conduit:ec:test:good',
        'conduit:ec:test:absent',
        'conduit:ec:test:short',
        'conduit:ec:test:text',
      ],
    ]);
    // The same entry read for another length is corrupt, never a vector of the wrong size.
    expect(await cache.getMany(['good'], 3)).toEqual(['corrupt']);
  });

  it('overwrites a corrupt entry with the fresh vector', async () => {
    const { cache, redis } = start();
    redis.data.set('conduit:ec:test:k', { value: Buffer.from('garbage'), ttl: 1 });
    expect(await cache.getMany(['k'], 1)).toEqual(['corrupt']);
    await cache.setMany([{ key: 'k', value: { vector: v(0.75), tokens: 2 } }], 1);
    expect(await cache.getMany(['k'], 1)).toEqual([{ vector: v(0.75), tokens: 2 }]);
  });

  it('sends nothing for an empty lookup or a vector of the wrong length', async () => {
    const { cache, redis } = start();
    expect(await cache.getMany([], 2)).toEqual([]);
    await cache.setMany([{ key: 'k', value: { vector: v(1, 2, 3), tokens: 1 } }], 2);
    expect(redis.calls).toEqual([]);
  });

  it('rejects when Redis does (the service turns that into misses)', async () => {
    const { cache, redis } = start();
    redis.fail = new Error('Command timed out');
    await expect(cache.getMany(['k'], 1)).rejects.toThrow('Command timed out');
    await expect(
      cache.setMany([{ key: 'k', value: { vector: v(1), tokens: 1 } }], 1),
    ).rejects.toThrow('Command timed out');
  });

  it('warns about connection errors at most once per 10 s, counting the rest', () => {
    const { redis } = start();
    const warn = logger.warn as jest.Mock;
    warn.mockClear();
    for (let i = 0; i < 5; i += 1) redis.emit('error', new Error('ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ err: 'ECONNREFUSED', suppressed: 0 }, expect.any(String));
  });

  it('closes its connection', async () => {
    const { cache, redis } = start();
    await new Promise((resolve) => setImmediate(resolve));
    await cache.close();
    expect(redis.status).toBe('end');
    await cache.close();
  });
});
