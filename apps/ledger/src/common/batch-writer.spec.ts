import { BatchWriter } from './batch-writer';

interface Item {
  key: string;
  bad?: boolean;
}

class DataError extends Error {}

/** A writer over a fake store that records every batch it was handed. */
function writerOver(maxBatch = 100, failAll?: Error) {
  const batches: string[][] = [];
  let release: (() => void) | undefined;
  let holdNext = false;
  const writer = new BatchWriter<Item, string>({
    maxBatch,
    async writeBatch(items) {
      batches.push(items.map((item) => item.key));
      if (holdNext) {
        holdNext = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      if (failAll) throw failAll;
      if (items.some((item) => item.bad)) throw new DataError('refused');
      return items.map((item) => `ok:${item.key}`);
    },
    isItemFault: (error) => error instanceof DataError,
    keyOf: (item) => item.key,
  });
  return {
    writer,
    batches,
    holdNextBatch: () => (holdNext = true),
    releaseHeld: () => release?.(),
  };
}

describe('BatchWriter', () => {
  it('writes what was asked for in one turn as one batch, and answers each caller', async () => {
    const { writer, batches } = writerOver();
    const results = await Promise.all(['a', 'b', 'c'].map((key) => writer.write({ key })));
    expect(results).toEqual(['ok:a', 'ok:b', 'ok:c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('gathers what arrives while a batch is in the database into the next one', async () => {
    const { writer, batches, holdNextBatch, releaseHeld } = writerOver();
    holdNextBatch();
    const first = writer.write({ key: 'a' });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['b', 'c', 'd'].map((key) => writer.write({ key }));
    releaseHeld();
    expect(await Promise.all([first, ...later])).toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('caps batches at maxBatch and never puts one key twice in a batch', async () => {
    const { writer, batches } = writerOver(2);
    const results = await Promise.all(['a', 'a', 'b', 'c'].map((key) => writer.write({ key })));
    expect(results).toEqual(['ok:a', 'ok:a', 'ok:b', 'ok:c']);
    expect(batches).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });

  it('splits a batch refused for one item until that item fails alone', async () => {
    const { writer, batches } = writerOver();
    const keys = Array.from({ length: 64 }, (_, i) => `k${i}`);
    const results = await Promise.allSettled(
      keys.map((key) => writer.write({ key, bad: key === 'k37' })),
    );
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(results[37]?.status).toBe('rejected');
    expect(results[36]).toEqual({ status: 'fulfilled', value: 'ok:k36' });
    // Halving: a handful of statements, not one per item.
    expect(batches.length).toBeLessThanOrEqual(2 * Math.log2(64) + 1);
  });

  it('fails every item of a batch for any other failure, and keeps writing afterwards', async () => {
    const down = new Error('connection refused');
    const { writer } = writerOver(100, down);
    const results = await Promise.allSettled([
      writer.write({ key: 'a' }),
      writer.write({ key: 'b' }),
    ]);
    expect(results).toEqual([
      { status: 'rejected', reason: down },
      { status: 'rejected', reason: down },
    ]);
    await expect(writer.write({ key: 'c' })).rejects.toBe(down);
  });

  it('refuses a nonsense batch size', () => {
    expect(() => writerOver(0)).toThrow(RangeError);
  });
});
