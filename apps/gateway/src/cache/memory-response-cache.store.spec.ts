import { MemoryResponseCacheStore } from './memory-response-cache.store';

const owner = (tenant: string, keyId: string | null, model: string) => ({ tenant, keyId, model });

describe('MemoryResponseCacheStore', () => {
  it('forgets entries past their TTL', async () => {
    let now = 0;
    const store = new MemoryResponseCacheStore(10, () => now);
    await store.set('k', 'v', 2, owner('t', null, 'm'));
    now = 1_999;
    expect(await store.get('k')).toBe('v');
    now = 2_000;
    expect(await store.get('k')).toBeNull();
  });

  it('drops the least recently used entry when full', async () => {
    const store = new MemoryResponseCacheStore(2);
    await store.set('a', '1', 60, owner('t', null, 'm'));
    await store.set('b', '2', 60, owner('t', null, 'm'));
    await store.get('a');
    await store.set('c', '3', 60, owner('t', null, 'm'));
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
  });

  it('purges by tenant, key and model, every field given must match', async () => {
    const store = new MemoryResponseCacheStore(10);
    await store.set('1', 'x', 60, owner('team:a', 'key_1', 'm1'));
    await store.set('2', 'x', 60, owner('team:a', 'key_2', 'm2'));
    await store.set('3', 'x', 60, owner('team:b', 'key_3', 'm1'));
    expect(await store.purge({ tenant: 'team:a', model: 'm1' })).toBe(1);
    expect(await store.purge({ model: 'm1' })).toBe(1);
    expect(await store.purge({ keyId: 'key_2' })).toBe(1);
    expect(await store.get('1')).toBeNull();
    expect(await store.get('3')).toBeNull();
  });
});
