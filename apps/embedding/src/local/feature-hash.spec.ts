import { fnv1a, mix32 } from './feature-hash';

describe('fnv1a', () => {
  it('matches the published 32-bit FNV-1a test vectors for ASCII', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('hashes a range in place and continues from a seed', () => {
    expect(fnv1a('xxfoobarxx', 2, 8)).toBe(fnv1a('foobar'));
    expect(fnv1a('bar', 0, 3, fnv1a('foo'))).toBe(fnv1a('foobar'));
  });

  it('returns unsigned 32-bit integers', () => {
    for (const text of ['', 'ü', '漢字', '👍🏽', 'a'.repeat(1000)]) {
      const hash = fnv1a(text);
      expect(Number.isInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
      expect(hash).toBeLessThan(2 ** 32);
    }
  });
});

describe('mix32', () => {
  it('draws balanced, input-sensitive bits even from consecutive inputs', () => {
    let ones = 0;
    for (let i = 0; i < 10_000; i++) ones += mix32(i) & 1;
    expect(ones / 10_000).toBeGreaterThan(0.47);
    expect(ones / 10_000).toBeLessThan(0.53);
    expect(mix32(1)).not.toBe(mix32(2));
    expect(mix32(0xffffffff)).toBeGreaterThanOrEqual(0);
  });
});
