import { mapConcurrently } from './map-concurrently';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapConcurrently', () => {
  it('keeps item order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < n; i++) await tick();
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('starts nothing after the first failure and throws it', async () => {
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('boom');
      return n;
    });
    await expect(run).rejects.toThrow('boom');
    await tick();
    await tick();
    expect(started.length).toBeLessThan(5);
  });

  it('handles no items', async () => {
    await expect(mapConcurrently([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});
