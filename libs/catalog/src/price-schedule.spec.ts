import { InternalError } from '@conduit/contracts';
import type { ModelPrice } from './model-price';
import { priceInEffect, requirePriceInEffect, utcDay } from './price-schedule';

const entry = (effectiveFrom: string, input: number): ModelPrice => ({
  effectiveFrom,
  inputMicroUsdPerMTok: input,
  outputMicroUsdPerMTok: input * 4,
});
// Deliberately out of order: the list's order must not matter.
const prices = [entry('2025-06-10', 2), entry('2025-04-16', 10), entry('2030-01-01', 1)];

describe('price schedule', () => {
  it('picks the newest entry whose date has come', () => {
    expect(priceInEffect('openai/o3', prices, new Date('2025-05-01T12:00:00Z'))).toEqual({
      price: prices[1],
      version: 'openai/o3@2025-04-16',
    });
    expect(priceInEffect('openai/o3', prices, new Date('2026-01-01T00:00:00Z'))?.version).toBe(
      'openai/o3@2025-06-10',
    );
  });

  it('switches at 00:00 UTC of the effective date, whatever the local time zone', () => {
    expect(
      priceInEffect('m', prices, new Date('2025-06-09T23:59:59.999Z'))?.price.effectiveFrom,
    ).toBe('2025-04-16');
    expect(priceInEffect('m', prices, new Date('2025-06-10T00:00:00Z'))?.price.effectiveFrom).toBe(
      '2025-06-10',
    );
    // 01:00 on the 10th in UTC+2 is still the 9th in UTC.
    expect(
      priceInEffect('m', prices, new Date('2025-06-10T01:00:00+02:00'))?.price.effectiveFrom,
    ).toBe('2025-04-16');
    expect(utcDay(new Date('2025-06-10T01:00:00+02:00'))).toBe('2025-06-09');
  });

  it('ignores entries not yet in effect and has no price before the first one', () => {
    expect(priceInEffect('m', prices, new Date('2025-04-15T23:00:00Z'))).toBeUndefined();
    expect(() => requirePriceInEffect('m', prices, new Date('2025-01-01T00:00:00Z'))).toThrow(
      InternalError,
    );
    expect(requirePriceInEffect('m', prices, new Date('2030-01-01T00:00:00Z')).version).toBe(
      'm@2030-01-01',
    );
  });
});
