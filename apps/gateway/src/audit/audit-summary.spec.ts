import { csvCell } from '../http/csv';
import { sanitizeSummary } from './audit-summary';

describe('sanitizeSummary', () => {
  const key = `sk-cnd-${'A1b2C3'.repeat(7).slice(0, 40)}`;
  const hash = 'ab'.repeat(32);

  it('removes secrets: secret-named fields, keys, hashes and the given secrets', () => {
    expect(
      sanitizeSummary(
        {
          name: `team of ${key}`,
          key: 'anything',
          secret_hash: 'x',
          nested: { note: `hash ${hash}`, admin: 'uses admin-secret-0123456789' },
          prefix: 'sk-cnd-abcde',
        },
        ['admin-secret-0123456789'],
      ),
    ).toEqual({
      name: 'team of [REDACTED]',
      key: '[REDACTED]',
      secret_hash: '[REDACTED]',
      nested: { note: 'hash [REDACTED]', admin: 'uses [REDACTED]' },
      // The display prefix is what every key listing shows.
      prefix: 'sk-cnd-abcde',
    });
  });

  it('bounds strings, arrays, depth and the whole size', () => {
    const summary = sanitizeSummary({
      long: 'x'.repeat(1000),
      list: Array.from({ length: 100 }, (_, i) => i),
      deep: { a: { b: { c: { d: { e: { f: 1 } } } } } },
      odd: undefined,
      big: 10n,
    });
    expect((summary.long as string).length).toBe(201);
    expect(summary.list).toHaveLength(50);
    expect(summary.deep).toEqual({ a: { b: { c: { d: '[…]' } } } });
    expect(summary.odd).toBeNull();
    expect(summary.big).toBe('10');
    const huge = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`f${i}`, 'y'.repeat(300)]),
    );
    expect(sanitizeSummary(huge)).toEqual({ truncated: true, fields: Object.keys(huge) });
  });
});

describe('csvCell', () => {
  it('quotes and defuses formulas', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
