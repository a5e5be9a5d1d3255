import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textWorkerCount, WorkerPool } from './worker-pool';

describe('WorkerPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'worker-pool-'));
  const modulePath = join(dir, 'work.js');
  writeFileSync(
    modulePath,
    `exports.double = (n) => n * 2;
     exports.fail = () => { throw new Error('no good'); };
     exports.die = () => process.exit(3);`,
  );
  let pool: WorkerPool;
  beforeEach(() => (pool = new WorkerPool(modulePath, 2)));
  afterEach(() => pool.close());

  it('runs an exported function with its arguments', async () => {
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run('double', [n])))).toEqual([
      2, 4, 6, 8, 10,
    ]);
  });

  it('fails a job whose function throws, with its message, and keeps serving', async () => {
    await expect(pool.run('fail', [])).rejects.toThrow('no good');
    expect(await pool.run('double', [21])).toBe(42);
  });

  it('fails the job of a worker that died and replaces the worker', async () => {
    await expect(pool.run('die', [])).rejects.toThrow(/exited with code 3/);
    expect(await pool.run('double', [4])).toBe(8);
  });

  it('fails queued jobs when closed', async () => {
    const jobs = [1, 2, 3, 4].map((n) => pool.run('double', [n]).catch((error: Error) => error));
    await pool.close();
    const results = await Promise.all(jobs);
    expect(results.every((result) => result instanceof Error)).toBe(true);
  });

  it('takes its size from CONDUIT_TEXT_WORKERS and refuses nonsense', () => {
    expect(textWorkerCount({ CONDUIT_TEXT_WORKERS: '3' })).toBe(3);
    expect(textWorkerCount({})).toBeGreaterThanOrEqual(1);
    expect(() => textWorkerCount({ CONDUIT_TEXT_WORKERS: 'two' })).toThrow(/CONDUIT_TEXT_WORKERS/);
    expect(() => new WorkerPool(modulePath, 0)).toThrow(RangeError);
  });
});
