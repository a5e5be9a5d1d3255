import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * What a reader needs to judge whether two reports are comparable: same CPU, same core
 * count, same Node, which code. Benchmark numbers without these are noise.
 */
export function machineFacts(repoRoot) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    // Taken before the bench starts anything: other work on the machine competes for the cores.
    loadAverage: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' / '),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    commit: gitCommit(repoRoot),
  };
}

function git(repoRoot, args) {
  return execFileSync('git', args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

function gitCommit(repoRoot) {
  try {
    const commit = git(repoRoot, ['rev-parse', '--short', 'HEAD']);
    // --no-optional-locks: read-only, never refreshes (writes) the index under someone's feet.
    // The bench's own reports (latest.md from the previous run) do not make the code dirty.
    const dirty =
      git(repoRoot, [
        '--no-optional-locks',
        'status',
        '--porcelain',
        '--untracked-files=no',
        '--',
        '.',
        ':(exclude)bench/results',
      ]) !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown (not a git checkout?)';
  }
}
