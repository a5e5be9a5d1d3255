import { formatResetDuration, toRateLimitHeaders } from './rate-limit-headers.mapper';

describe('rate-limit headers', () => {
  it.each([
    [0, '0s'],
    [20, '20ms'],
    [999.6, '1s'],
    [1_000, '1s'],
    [8_640, '8.64s'],
    [60_000, '1m0s'],
    [60_500, '1m0.5s'],
    [179_560, '2m59.56s'],
    [3_723_000, '1h2m3s'],
  ])('formats %p ms as OpenAI does: %p', (ms, text) => {
    expect(formatResetDuration(ms)).toBe(text);
  });

  it('names only the limits that are set, remaining never below zero', () => {
    expect(
      toRateLimitHeaders({ rpm: null, tpm: 100 }, null, { used: 250, resetMs: 61_000 }),
    ).toEqual({
      'x-ratelimit-limit-tokens': '100',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '1m1s',
    });
  });
});
