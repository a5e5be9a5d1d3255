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

  it('holds vectors with their token counts, up to its capacity', () => {
    const cache = new VectorCache(1);
    expect(cache.enabled).toBe(true);
    cache.set('k1', { vector: 'AAAAAA==', tokens: 3 });
    expect(cache.get('k1')).toEqual({ vector: 'AAAAAA==', tokens: 3 });
    cache.set('k2', { vector: 'AACAPw==', tokens: 1 });
    expect(cache.get('k1')).toBeUndefined();
    expect(new VectorCache(0).enabled).toBe(false);
  });
});
