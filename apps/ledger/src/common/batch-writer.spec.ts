import { BatchWriter } from './batch-writer';

interface Item {
  key: string;
  bad?: boolean;
}

class DataError extends Error {}

/** A writer over a fake store that records every batch it was handed. */
function writerOver(maxBatch = 100, failAll?: Error) {
  const batches: string[][] = [];
  const singles: string[] = [];
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
    writeOne(item) {
      singles.push(item.key);
      return item.bad
        ? Promise.reject(new DataError('refused'))
        : Promise.resolve(`one:${item.key}`);
    },
    retryOneByOne: (error) => error instanceof DataError,
    keyOf: (item) => item.key,
  });
  return {
    writer,
    batches,
    singles,
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

  it('retries a batch refused for one item item by item, so only that item fails', async () => {
    const { writer, singles } = writerOver();
    const results = await Promise.allSettled([
      writer.write({ key: 'a' }),
      writer.write({ key: 'b', bad: true }),
      writer.write({ key: 'c' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(singles).toEqual(['a', 'b', 'c']);
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
