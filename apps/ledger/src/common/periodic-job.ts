import type { Logger } from '@conduit/telemetry';

/**
 * Runs `work` every `intervalMs`, never two runs at once (the next run is scheduled when the
 * previous one ends). Failures are logged and the schedule goes on. The timer does not keep
 * the process alive; stop() waits for a run in progress.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Runs once now (unless a run is in progress, then waits for that one). */
  async runNow(): Promise<void> {
    this.running ??= this.work()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error, job: this.name }, 'job failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().then(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
