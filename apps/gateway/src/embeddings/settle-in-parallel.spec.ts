import { settleInParallel } from './settle-in-parallel';

describe('settleInParallel', () => {
  it('keeps item order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await settleInParallel([30, 10, 20, 5, 15], 2, async (delay, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index;
    });
    expect(peak).toBe(2);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : -1))).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('waits for every item even when one fails, and reports each outcome', async () => {
    const finished: number[] = [];
    const results = await settleInParallel([1, 2, 3], 3, async (item) => {
      if (item === 1) throw new Error('first fails fast');
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished.push(item);
      return item;
    });
    expect(finished.sort()).toEqual([2, 3]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('handles no items', async () => {
    expect(await settleInParallel([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
