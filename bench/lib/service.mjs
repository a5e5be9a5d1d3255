import { spawn } from 'node:child_process';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';

const TAIL_LINES = 40;
const STOP_GRACE_MS = 5000;

/**
 * Runs one Conduit app from `dist/` as its own process, exactly as in production (own event
 * loop, own NATS connection), so the bench measures the real process and NATS hops rather
 * than an in-process shortcut.
 *
 * The child's output is kept (last lines only) instead of being echoed: at LOG_LEVEL=warn a
 * healthy service is silent, and printing under load would cost CPU the services need. The
 * line count is reported, so a noisy service is still noticed.
 */
export function startService({ app, repoRoot, env, cpuProfileDir }) {
  return startNodeProcess({
    app,
    repoRoot,
    env,
    cpuProfileDir,
    args: ['-r', './scripts/register-paths.cjs', `dist/apps/${app}/src/main.js`],
  });
}

/**
 * Any Node program as a bench service (a Conduit app, or a peer gateway such as Portkey's):
 * the same log capture, start-up/run log split and SIGTERM-then-SIGKILL stop. `showBootLog:
 * false` keeps its start-up output out of the report when that output is a banner rather
 * than configuration worth reading.
 */
export function startNodeProcess({ app, repoRoot, env, cpuProfileDir, args, showBootLog = true }) {
  const child = spawn(
    process.execPath,
    [
      // `BENCH_CPU_PROFILE`: V8 writes a .cpuprofile when the service exits (after SIGTERM).
      ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
      ...args,
    ],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  const tail = [];
  let lines = 0;
  let booted = false;
  const bootLines = [];
  const watchers = new Set(); // { text, resolve }: see printed()
  const collect = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (!booted && bootLines.length < TAIL_LINES) bootLines.push(line);
      for (const watcher of watchers) {
        if (!line.includes(watcher.text)) continue;
        watchers.delete(watcher);
        watcher.resolve();
      }
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let exit;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    // A spawn failure (e.g. missing node binary) never emits 'exit'.
    child.once('error', (error) => {
      exit = { code: null, signal: null, error };
      resolve(exit);
    });
  });

  // Last resort if the bench dies without running its teardown: never orphan a child.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    app,
    pid: child.pid,
    exited,
    /** `{ code, signal }` once the process has exited, else undefined. */
    get exit() {
      return exit;
    },
    get logLineCount() {
      return lines;
    },
    /**
     * Marks the end of startup: what a service logs while booting (e.g. the gateway saying
     * its rate limits are counted in memory) is configuration, reported as such; what it logs
     * afterwards, under load, is a problem.
     */
    markBooted() {
      booted = true;
      this.bootLineCount = lines;
    },
    bootLineCount: 0,
    get bootLog() {
      return showBootLog ? bootLines.slice(0, this.bootLineCount) : [];
    },
    get runLineCount() {
      return lines - this.bootLineCount;
    },
    logTail() {
      return tail.join('\n');
    },
    /** Resolves once the process has printed a line containing `text` (now or before). */
    printed(text) {
      if (tail.some((line) => line.includes(text))) return Promise.resolve();
      return new Promise((resolve) => watchers.add({ text, resolve }));
    },
    /** SIGTERM (the services drain gracefully), SIGKILL if still running after a grace period. */
    async stop() {
      process.off('exit', killOnExit);
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      if (cpuProfileDir) await nameProfile(cpuProfileDir, child.pid, app);
    },
  };
}

/** V8 names a profile `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`; call it `<app>.cpuprofile`. */
async function nameProfile(dir, pid, app) {
  try {
    const file = (await readdir(dir)).find((name) => name.includes(`.${pid}.`));
    if (file) await rename(path.join(dir, file), path.join(dir, `${app}.cpuprofile`));
  } catch {
    // no profile (killed before it could write one): nothing to name
  }
}
