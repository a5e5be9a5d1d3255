import { MicroBatcher, type BatchItem } from './micro-batcher';

const item = (key: string, weight = 1): BatchItem<string> => ({ key, value: key, weight });

/** A batcher whose runs are recorded and answered with upper-cased values. */
function recordingBatcher(options: { maxItems: number; maxWaitMs: number; maxWeight?: number }) {
  const runs: string[][] = [];
  let failWith: Error | undefined;
  const batcher = new MicroBatcher<string, string>({
    maxWeight: null,
    ...options,
    run: (values) => {
      runs.push(values);
      if (failWith !== undefined) return Promise.reject(failWith);
      return Promise.resolve(values.map((value) => value.toUpperCase()));
    },
  });
  return { batcher, runs, fail: (error: Error) => (failWith = error) };
}

describe('MicroBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('coalesces concurrent submissions into one run after the wait', async () => {
    const { batcher, runs } = recordingBatcher({ maxItems: 10, maxWaitMs: 5 });
    const first = batcher.submit([item('a'), item('b')]);
    const second = batcher.submit([item('c')]);
    expect(runs).toEqual([]);
    jest.advanceTimersByTime(4);
    expect(runs).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(runs).toEqual([['a', 'b', 'c']]);
    await expect(first).resolves.toEqual(['A', 'B']);
    await expect(second).resolves.toEqual(['C']);
  });

  it('runs as soon as a batch is full, splitting a large submission in order', async () => {
    const { batcher, runs } = recordingBatcher({ maxItems: 2, maxWaitMs: 1000 });
    const result = batcher.submit(['a', 'b', 'c', 'd', 'e'].map((key) => item(key)));
    expect(runs).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(batcher.pendingItems).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(runs.at(-1)).toEqual(['e']);
    await expect(result).resolves.toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('runs equal keys once, within and across submissions, pending or running', async () => {
    const { batcher, runs } = recordingBatcher({ maxItems: 10, maxWaitMs: 5 });
    const first = batcher.submit([item('a'), item('a'), item('b')]);
    const second = batcher.submit([item('b'), item('c')]);
    jest.advanceTimersByTime(5);
    expect(runs).toEqual([['a', 'b', 'c']]);
    // The run is in flight: an equal key joins it instead of starting another.
    const third = batcher.submit([item('a')]);
    jest.advanceTimersByTime(5);
    await expect(first).resolves.toEqual(['A', 'A', 'B']);
    await expect(second).resolves.toEqual(['B', 'C']);
    await expect(third).resolves.toEqual(['A']);
    expect(runs).toHaveLength(1);
    // Once settled, a key is new work again (the cache above the batcher keeps results).
    const later = batcher.submit([item('a')]);
    jest.advanceTimersByTime(5);
    await expect(later).resolves.toEqual(['A']);
    expect(runs).toEqual([['a', 'b', 'c'], ['a']]);
  });

  it('bounds the weight of a batch, sending an overweight item alone', async () => {
    const { batcher, runs } = recordingBatcher({ maxItems: 10, maxWaitMs: 5, maxWeight: 10 });
    const done = batcher.submit([item('a', 6), item('b', 4), item('c', 1), item('d', 30)]);
    jest.advanceTimersByTime(5);
    await done;
    expect(runs).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('fails every submission waiting on a failed run', async () => {
    const { batcher, fail } = recordingBatcher({ maxItems: 10, maxWaitMs: 5 });
    const error = new Error('provider down');
    fail(error);
    const first = batcher.submit([item('a')]);
    const second = batcher.submit([item('b')]);
    jest.advanceTimersByTime(5);
    await expect(first).rejects.toBe(error);
    await expect(second).rejects.toBe(error);
  });

  it('fails a run that returns the wrong number of results', async () => {
    const batcher = new MicroBatcher<string, string>({
      maxItems: 2,
      maxWaitMs: 0,
      maxWeight: null,
      run: () => Promise.resolve(['only one']),
    });
    await expect(batcher.submit([item('a'), item('b')])).rejects.toThrow(
      'a batch of 2 items produced 1 results',
    );
  });

  it('refuses a batch size below 1', () => {
    expect(
      () =>
        new MicroBatcher({
          maxItems: 0,
          maxWaitMs: 0,
          maxWeight: null,
          run: () => Promise.resolve([]),
        }),
    ).toThrow(RangeError);
  });
});
