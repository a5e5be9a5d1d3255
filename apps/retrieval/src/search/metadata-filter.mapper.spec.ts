import { MetadataFilterSchema } from '@conduit/contracts';
import { toStoreFilter } from './metadata-filter.mapper';

describe('toStoreFilter', () => {
  it('filters nothing when absent, null or empty', () => {
    expect(toStoreFilter(undefined)).toBeUndefined();
    expect(toStoreFilter(null)).toBeUndefined();
    expect(toStoreFilter({})).toBeUndefined();
  });

  it('keeps equality on strings, numbers and booleans, types intact', () => {
    expect(toStoreFilter({ lang: 'en', page: 3, draft: false, code: '5' })).toEqual({
      lang: 'en',
      page: 3,
      draft: false,
      code: '5',
    });
  });

  it('maps lists and ranges, leaving unset bounds out', () => {
    const parsed = MetadataFilterSchema.parse({
      lang: { in: ['de', 'fr'] },
      page: { gte: 3 },
      rating: { lte: 4.5 },
      year: { gte: 2020, lte: 2024 },
    });
    const filter = toStoreFilter(parsed);
    expect(filter).toEqual({
      lang: { in: ['de', 'fr'] },
      page: { gte: 3 },
      rating: { lte: 4.5 },
      year: { gte: 2020, lte: 2024 },
    });
    expect(Object.keys(filter?.page as object)).toEqual(['gte']);
  });

  it('copies lists, so the store never aliases the request', () => {
    const values = ['a', 'b'];
    const filter = toStoreFilter({ tag: { in: values } });
    values.push('c');
    expect(filter).toEqual({ tag: { in: ['a', 'b'] } });
  });
});
