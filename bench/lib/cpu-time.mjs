import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) each process burned during a measured phase, divided by the
 * requests served. On 2 shared cores latency is mostly queueing behind the other processes;
 * CPU per request says where the work actually goes (gateway vs llm vs the bench process,
 * which is both load generator and fake provider).
 *
 * Child processes are read from /proc (Linux only: elsewhere their column shows "–"); the
 * bench process uses process.cpuUsage(), which works everywhere. NATS is not counted: it
 * may not even run on this machine, and we do not own its process.
 */

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ms, or undefined when /proc is not available. */
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the `(comm)`, which may itself contain spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

function benchCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Snapshot now; call the returned function after the phase with the number of requests served. */
export function startCpuMeter(services) {
  const before = {
    bench: benchCpuMs(),
    ...Object.fromEntries(services.map((s) => [s.app, procCpuMs(s.pid)])),
  };
  return (served) => {
    const perRequest = { bench: (benchCpuMs() - before.bench) / served };
    for (const service of services) {
      const after = procCpuMs(service.pid);
      perRequest[service.app] =
        after === undefined || before[service.app] === undefined
          ? NaN
          : (after - before[service.app]) / served;
    }
    return perRequest;
  };
}
