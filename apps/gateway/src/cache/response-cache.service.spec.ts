import type { GatewayConfig } from '../config/gateway-config.schema';
import { MemoryResponseCacheStore } from './memory-response-cache.store';
import { ResponseCache, type CacheSlot } from './response-cache.service';
import type { ResponseCacheStore } from './response-cache.store';

const config = {
  GATEWAY_CACHE_TIMEOUT_MS: 20,
  GATEWAY_CACHE_MAX_ENTRY_BYTES: 10_000,
} as GatewayConfig;

const owner = { tenant: 'team:a', keyId: 'key_1', model: 'm' };
const slot: CacheSlot = {
  key: 'k1',
  plan: { kind: 'lookup', ttlSeconds: 60, owner, tenant: 'team:a', semantic: null },
};
const completion = {
  id: 'c',
  object: 'chat.completion' as const,
  created: 1,
  model: 'm',
  choices: [
    {
      index: 0,
      message: { role: 'assistant' as const, content: 'ok' },
      finish_reason: 'stop' as const,
    },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};
const charge = { model: 'm', provider: 'p', costMicroUsd: 5, priceVersion: 'm@1' };

describe('ResponseCache', () => {
  it('stores and finds an answer', async () => {
    const cache = new ResponseCache(new MemoryResponseCacheStore(10), config);
    expect(await cache.lookup(slot)).toBeNull();
    await cache.remember(slot, completion, charge);
    expect((await cache.lookup(slot))?.charge).toEqual(charge);
  });

  it('drops a corrupt entry and answers a miss', async () => {
    const store = new MemoryResponseCacheStore(10);
    await store.set('k1', '{"v":1,"completion":"garbage"}', 60, owner);
    const cache = new ResponseCache(store, config);
    expect(await cache.lookup(slot)).toBeNull();
    expect(await store.get('k1')).toBeNull();
  });

  it('goes on uncached when the store hangs or fails, within the timeout', async () => {
    const hanging: ResponseCacheStore = {
      kind: 'redis',
      get: () => new Promise(() => undefined),
      set: () => Promise.reject(new Error('down')),
      delete: () => Promise.resolve(),
      purge: () => Promise.resolve(0),
      close: () => Promise.resolve(),
    };
    const cache = new ResponseCache(hanging, config);
    const started = Date.now();
    expect(await cache.lookup(slot)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(cache.remember(slot, completion, charge)).resolves.toBeUndefined();
  });

  it('does not store an answer larger than the entry limit', async () => {
    const store = new MemoryResponseCacheStore(10);
    const cache = new ResponseCache(store, { ...config, GATEWAY_CACHE_MAX_ENTRY_BYTES: 50 });
    await cache.remember(slot, completion, charge);
    expect(await store.get('k1')).toBeNull();
  });
});
