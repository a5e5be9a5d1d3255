import { InternalError } from '@conduit/contracts';
import { bigintToNumber } from './micro-usd';

describe('bigintToNumber', () => {
  it('converts exactly up to 2^53 - 1', () => {
    expect(bigintToNumber(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintToNumber('42')).toBe(42);
  });

  it('refuses to round a larger amount', () => {
    expect(() => bigintToNumber(9_007_199_254_740_992n)).toThrow(InternalError);
  });
});
