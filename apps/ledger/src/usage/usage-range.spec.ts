import { resolveUsageRange, utcDay } from './usage-range';

describe('resolveUsageRange', () => {
  it('reads bare dates as UTC midnights and calls them whole days', () => {
    const range = resolveUsageRange({ from: '2026-03-01', to: '2026-03-08' });
    expect(range.from?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(range.to?.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(range.wholeDays).toBe(true);
  });

  it('treats an open range as whole days', () => {
    expect(resolveUsageRange({})).toEqual({ from: undefined, to: undefined, wholeDays: true });
    expect(resolveUsageRange({ to: '2026-03-08' }).wholeDays).toBe(true);
  });

  it('accepts date-times on a UTC midnight, whatever their offset says', () => {
    expect(resolveUsageRange({ from: '2026-03-01T00:00:00Z' }).wholeDays).toBe(true);
    expect(resolveUsageRange({ from: '2026-03-01T02:00:00+02:00' }).wholeDays).toBe(true);
  });

  it('sends anything that cuts through a day to the per-request rows', () => {
    expect(resolveUsageRange({ from: '2026-03-01T00:00:00.001Z' }).wholeDays).toBe(false);
    expect(resolveUsageRange({ to: '2026-03-01T00:00:00+01:00' }).wholeDays).toBe(false);
    expect(resolveUsageRange({ from: '2026-03-01', to: '2026-03-02T12:00:00Z' }).wholeDays).toBe(
      false,
    );
  });

  it('names the UTC day of an instant', () => {
    expect(utcDay(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });
});
