import { RollingWindow } from './rolling-window';

describe('RollingWindow', () => {
  let time: number;
  const now = () => time;
  beforeEach(() => {
    time = 1_000_000;
  });

  it('counts requests and failures', () => {
    const window = new RollingWindow(1_000, 10, now);
    expect(window.totals()).toEqual({ requests: 0, failures: 0 });
    window.record(false);
    window.record(true);
    time += 450;
    window.record(true);
    expect(window.totals()).toEqual({ requests: 3, failures: 2 });
  });

  it('expires outcomes once their bucket slides out of the window', () => {
    const window = new RollingWindow(1_000, 10, now);
    window.record(true);
    time += 500;
    window.record(false);
    time += 499;
    expect(window.totals()).toEqual({ requests: 2, failures: 1 });
    time += 1;
    expect(window.totals()).toEqual({ requests: 1, failures: 0 });
    time += 500;
    expect(window.totals()).toEqual({ requests: 0, failures: 0 });
  });

  it('reuses buckets rather than growing', () => {
    const window = new RollingWindow(1_000, 10, now);
    for (let i = 0; i < 10_000; i++) {
      window.record(i % 2 === 0);
      time += 7;
    }
    const { requests, failures } = window.totals();
    // 1000 ms of history at one call per 7 ms, give or take the bucket being filled.
    expect(requests).toBeGreaterThanOrEqual(128);
    expect(requests).toBeLessThanOrEqual(143);
    expect(Math.abs(failures * 2 - requests)).toBeLessThanOrEqual(1);
  });

  it('forgets a bucket left from the same slot a whole window ago', () => {
    const window = new RollingWindow(1_000, 10, now);
    window.record(true);
    time += 1_000;
    window.record(false);
    expect(window.totals()).toEqual({ requests: 1, failures: 0 });
  });

  it('ignores counts from the future when the clock goes backwards', () => {
    const window = new RollingWindow(1_000, 10, now);
    window.record(true);
    time -= 5_000;
    expect(window.totals()).toEqual({ requests: 0, failures: 0 });
  });

  it('clears', () => {
    const window = new RollingWindow(1_000, 10, now);
    window.record(true);
    window.clear();
    expect(window.totals()).toEqual({ requests: 0, failures: 0 });
  });

  it('rejects a bad shape', () => {
    expect(() => new RollingWindow(0, 10, now)).toThrow(/windowMs/);
    expect(() => new RollingWindow(1_000, 2.5, now)).toThrow(/bucketCount/);
  });
});
