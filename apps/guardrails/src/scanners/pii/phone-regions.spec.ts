import { DEFAULT_PHONE_REGIONS, phoneRegions } from './phone-regions';

describe('phoneRegions', () => {
  it('defaults to the regions most of our users write from', () => {
    expect(phoneRegions(undefined)).toEqual(['US', 'GB', 'DE', 'FR', 'ES']);
    expect(phoneRegions(undefined)).toBe(DEFAULT_PHONE_REGIONS);
  });

  it('keeps the order given, upper-cased, without repeats', () => {
    expect(phoneRegions(['de', 'AT', 'DE', 'ch'])).toEqual(['DE', 'AT', 'CH']);
  });

  it('skips ISO codes without a numbering plan instead of failing', () => {
    expect(phoneRegions(['AQ', 'US', 'BV'])).toEqual(['US']);
  });

  it('returns the same list for the same codes', () => {
    expect(phoneRegions(['IT', 'ES'])).toBe(phoneRegions(['IT', 'ES']));
  });

  it('allows turning national numbers off with an empty list', () => {
    expect(phoneRegions([])).toEqual([]);
  });
});
