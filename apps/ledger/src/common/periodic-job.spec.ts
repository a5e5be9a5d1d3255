import type { Logger } from '@conduit/telemetry';
import { PeriodicJob } from './periodic-job';

const logger = { error: jest.fn() } as unknown as Logger;

describe('PeriodicJob', () => {
  it('never runs twice at once: a second trigger waits for the run in progress', async () => {
    let running = 0;
    let maxRunning = 0;
    let release!: () => void;
    const job = new PeriodicJob(
      'test',
      60_000,
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
      },
      logger,
    );
    const first = job.runNow();
    const second = job.runNow();
    release();
    await Promise.all([first, second]);
    expect(maxRunning).toBe(1);
  });

  it('logs a failed run and keeps going', async () => {
    let calls = 0;
    const job = new PeriodicJob(
      'test',
      60_000,
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      logger,
    );
    await job.runNow();
    await job.runNow();
    expect(calls).toBe(2);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'test' }),
      'job failed',
    );
  });

  it('stop() waits for the run in progress', async () => {
    let finished = false;
    const job = new PeriodicJob(
      'test',
      60_000,
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
      logger,
    );
    void job.runNow();
    await job.stop();
    expect(finished).toBe(true);
  });
});
