/**
 * Timing for the "fails above a time budget" tests of hostile input. Machines running tests
 * are shared, so a single slow run proves little: a measurement over budget is repeated and
 * the fastest run counts. A super-linear algorithm stays slow on every run; a busy CPU does not.
 */

/** Milliseconds one call of `run` takes. */
export function elapsedMs(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/**
 * Milliseconds `run` takes: one run if it is within `budgetMs`, else the fastest of `tries`
 * runs (so a budget failure means the work is really that slow, not that the box was busy).
 */
export function timeWithinBudget(run: () => unknown, budgetMs: number, tries = 3): number {
  let fastest = elapsedMs(run);
  for (let i = 1; i < tries && fastest > budgetMs; i++) fastest = Math.min(fastest, elapsedMs(run));
  return fastest;
}

/**
 * How much longer `run` takes per doubling of its input: about 2 for linear work, 4 for
 * quadratic. Measured over a fourfold input and reported per doubling (the square root), so a
 * noisy timing on a busy machine moves the result half as much as one doubling would. Timings
 * below `floorMs` count as `floorMs`, so work too fast to measure reads as linear instead of as
 * noise. Each size is timed as its fastest of three runs.
 */
export function doublingRatio(
  run: (text: string) => unknown,
  make: (size: number) => string,
  size: number,
  floorMs = 20,
): number {
  const small = make(size);
  const large = make(size * 4);
  const fastest = (text: string) =>
    Math.max(
      floorMs,
      Math.min(
        elapsedMs(() => run(text)),
        elapsedMs(() => run(text)),
        elapsedMs(() => run(text)),
      ),
    );
  return Math.sqrt(fastest(large) / fastest(small));
}
