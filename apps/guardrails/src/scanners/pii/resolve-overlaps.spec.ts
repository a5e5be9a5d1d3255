import { resolveOverlaps } from './resolve-overlaps';

const span = (start: number, end: number, score: number, id = '') => ({ start, end, score, id });

describe('resolveOverlaps', () => {
  it('sorts disjoint spans by start and keeps them all', () => {
    const result = resolveOverlaps([span(10, 12, 0.5), span(0, 3, 0.9), span(5, 6, 0.1)]);
    expect(result.map((s) => s.start)).toEqual([0, 5, 10]);
  });

  it('prefers the higher score, then the longer span, then the earlier one', () => {
    expect(resolveOverlaps([span(0, 10, 0.5, 'long'), span(2, 4, 0.9, 'sure')])).toEqual([
      span(2, 4, 0.9, 'sure'),
    ]);
    expect(resolveOverlaps([span(0, 4, 0.9, 'short'), span(0, 10, 0.9, 'long')])).toEqual([
      span(0, 10, 0.9, 'long'),
    ]);
    expect(resolveOverlaps([span(3, 8, 0.9, 'late'), span(0, 5, 0.9, 'early')])).toEqual([
      span(0, 5, 0.9, 'early'),
    ]);
  });

  it('keeps the compatible members of a chain of overlaps', () => {
    const result = resolveOverlaps([
      span(0, 5, 0.9, 'a'),
      span(4, 9, 0.5, 'b'),
      span(8, 12, 0.9, 'c'),
    ]);
    expect(result.map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('treats touching spans as disjoint and drops empty ones', () => {
    expect(resolveOverlaps([span(0, 5, 0.1), span(5, 9, 0.1), span(3, 3, 1)])).toHaveLength(2);
  });

  it('handles many findings quickly', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => span(i * 3, i * 3 + 4, (i % 7) / 7));
    const started = Date.now();
    const result = resolveOverlaps(many);
    expect(Date.now() - started).toBeLessThan(1000);
    for (let i = 1; i < result.length; i++)
      expect(result[i].start).toBeGreaterThanOrEqual(result[i - 1].end);
  });
});
