import { MemoryVectorCache } from './memory-vector-cache';
import { VectorCache } from './vector-cache';

describe('VectorCache', () => {
  it('keys by model, length and text, as a fixed-size hash', () => {
    const key = VectorCache.key('local/embed', 384, 'hello');
    expect(key).toHaveLength(44);
    expect(VectorCache.key('local/embed', 384, 'hello')).toBe(key);
    expect(VectorCache.key('local/embed', 64, 'hello')).not.toBe(key);
    expect(VectorCache.key('openai/text-embedding-3-small', 384, 'hello')).not.toBe(key);
    expect(VectorCache.key('local/embed', 384, 'hello ')).not.toBe(key);
    // The separators keep shifted boundaries apart.
    expect(VectorCache.key('a', 1, '2x')).not.toBe(VectorCache.key('a', 12, 'x'));
    expect(VectorCache.key('x'.repeat(10_000), 1, 'y'.repeat(100_000))).toHaveLength(44);
  });
});

describe('MemoryVectorCache', () => {
  it('holds vectors with their token counts, up to its capacity', async () => {
    const cache = new MemoryVectorCache(1);
    expect(cache.enabled).toBe(true);
    await cache.setMany([{ key: 'k1', value: { vector: 'AAAAAA==', tokens: 3 } }]);
    expect(await cache.getMany(['k1', 'k0'])).toEqual([{ vector: 'AAAAAA==', tokens: 3 }, 'miss']);
    await cache.setMany([{ key: 'k2', value: { vector: 'AACAPw==', tokens: 1 } }]);
    expect(await cache.getMany(['k1', 'k2'])).toEqual(['miss', { vector: 'AACAPw==', tokens: 1 }]);
    expect(cache.size).toBe(1);
    expect(new MemoryVectorCache(0).enabled).toBe(false);
  });
});
