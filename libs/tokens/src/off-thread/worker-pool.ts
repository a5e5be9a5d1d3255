import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sourcesRootOf, WORKER_BOOTSTRAP } from './worker-bootstrap';

interface Job {
  id: number;
  fn: string;
  args: unknown[];
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/**
 * A few worker threads that run the exported functions of one module, for CPU-heavy text work
 * (tokenizing a megabyte of CJK takes seconds) that must not block a service's event loop: a
 * blocked loop answers nothing else, and the gateway takes a silent replica for a dead one.
 *
 * Jobs queue in order and each worker runs one at a time. Workers start on first use, keep the
 * process alive only while they have work, and a worker that dies fails its job and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly modulePath: string,
    private readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`WorkerPool size must be an integer ≥ 1, got ${size}`);
    }
  }

  run<T>(fn: string, args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fn, args, resolve: resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued and running jobs fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    const closed = new Error('WorkerPool closed');
    for (const job of this.queue.splice(0)) job.reject(closed);
    for (const slot of slots) slot.job?.reject(closed);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idleSlot();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, fn: job.fn, args: job.args });
    }
  }

  private idleSlot(): Slot | undefined {
    const idle = this.slots.find((slot) => !slot.job);
    if (idle) return idle;
    if (this.slots.length >= this.size) return undefined;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { modulePath: this.modulePath, sourcesRoot: sourcesRootOf(this.modulePath) },
    });
    const slot: Slot = { worker };
    worker.unref();
    worker.on(
      'message',
      (message: { id: number; result?: unknown; error?: { message: string } }) => {
        const job = slot.job;
        if (!job || job.id !== message.id) return;
        slot.job = undefined;
        worker.unref();
        if (message.error) job.reject(new Error(message.error.message));
        else job.resolve(message.result);
        this.dispatch();
      },
    );
    const onDeath = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = undefined;
      this.dispatch();
    };
    worker.on('error', onDeath);
    worker.on('exit', (code) => onDeath(new Error(`worker thread exited with code ${code}`)));
    return slot;
  }
}

/**
 * Threads for text work in one service process: `CONDUIT_TEXT_WORKERS`, by default one fewer
 * than the cores (at least one) so the event loop keeps a core.
 */
export function textWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CONDUIT_TEXT_WORKERS;
  if (raw === undefined || raw === '') return Math.max(1, availableParallelism() - 1);
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new RangeError(`CONDUIT_TEXT_WORKERS must be an integer from 1 to 64, got '${raw}'`);
  }
  return count;
}
