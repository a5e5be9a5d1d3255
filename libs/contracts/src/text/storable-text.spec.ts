import { storableJson, storableText } from './storable-text';

describe('storableText', () => {
  it.each([
    ['plain', 'plain'],
    ['a\u0000b', 'a\uFFFDb'],
    ['\u0000\u0000', '\uFFFD\uFFFD'],
    ['lone high \uD83D end', 'lone high \uFFFD end'],
    ['lone low \uDE00 end', 'lone low \uFFFD end'],
    ['swapped \uDE00\uD83D', 'swapped \uFFFD\uFFFD'],
    ['pair \uD83D\uDE00 kept', 'pair \uD83D\uDE00 kept'],
    ['trailing high \uD83D', 'trailing high \uFFFD'],
  ])('%j -> %j', (input, expected) => {
    expect(storableText(input)).toBe(expected);
  });

  it('is linear on a megabyte of hostile text', () => {
    const hostile = '\uD83D\u0000'.repeat(512 * 1024);
    const started = performance.now();
    const clean = storableText(hostile);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(clean).toBe('\uFFFD'.repeat(1024 * 1024));
  });
});

describe('storableJson', () => {
  it('cleans strings and keys at any depth, leaving other values alone', () => {
    const at = new Date(0);
    expect(
      storableJson({ 'k\u0000': ['x\uDC00', 1, null, true, { deep: 'y\u0000' }], at, n: 2 }),
    ).toEqual({ 'k\uFFFD': ['x\uFFFD', 1, null, true, { deep: 'y\uFFFD' }], at, n: 2 });
  });

  it('returns the same object when nothing needed cleaning', () => {
    const value = { a: ['b', { c: 'd' }] };
    expect(storableJson(value)).toBe(value);
  });

  it('makes a value jsonb accepts', () => {
    expect(JSON.stringify(storableJson({ s: '\u0000\uD800' }))).toBe('{"s":"\uFFFD\uFFFD"}');
  });
});
