// One place that knows how to undo everything the bench started (fake server, child
// services), run exactly once whether the bench finishes, throws, or is interrupted: a
// benchmark that leaks a gateway on a fixed port poisons the next run's numbers.

const steps = [];
let running;

/** Registers an async cleanup step; steps run in reverse order (last started, first stopped). */
export function onTeardown(step) {
  steps.push(step);
}

/** Runs every registered step once; later calls await the same run. Never throws. */
export function teardown() {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop();
      try {
        await step();
      } catch (error) {
        console.error(
          `bench: cleanup step failed: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
  })();
  return running;
}

/** Ctrl-C / kill: clean up, then exit with the conventional 128 + signal number. */
export function teardownOnSignals() {
  const handle = (signal, code) => {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received, stopping services…`);
      void teardown().finally(() => process.exit(code));
    });
  };
  handle('SIGINT', 130);
  handle('SIGTERM', 143);
}
