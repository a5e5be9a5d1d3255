/**
 * Lets one warning through per interval and counts the rest, so a dependency that is down
 * for minutes logs a line every few seconds instead of one per request.
 */
export class WarnThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The number of warnings suppressed since the last one let through, or null to stay quiet. */
  take(): number | null {
    const now = this.clock();
    if (now - this.lastAt < this.intervalMs) {
      this.suppressed += 1;
      return null;
    }
    this.lastAt = now;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    return suppressed;
  }
}
