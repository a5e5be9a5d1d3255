import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * CPU time (user + system, ms) each process burned during a measured phase, divided by the
 * requests served. On 2 shared cores latency is mostly queueing behind the other processes;
 * CPU per request says where the work actually goes (gateway vs llm vs ledger vs Postgres vs
 * the bench process, which is both load generator and fake provider).
 *
 * A measured process is a *probe*: `{ name, snapshot(), spentMs(before, after) }`. Child
 * processes and local servers are read from /proc (Linux only: elsewhere, or for a server on
 * another machine, their column shows "–"); the bench process uses process.cpuUsage(), which
 * works everywhere.
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

const difference = (before, after) =>
  before === undefined || after === undefined ? NaN : after - before;

/** The bench process itself: load generators and the fake provider. */
export function benchProbe() {
  return {
    name: 'bench',
    snapshot: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    spentMs: difference,
  };
}

/**
 * The whole machine's busy CPU time (every core: user, nice, system, irq, softirq; not idle,
 * I/O wait or steal), from /proc/stat. The report subtracts every other probe from it: what
 * is left is work the bench did not ask for (other jobs on the machine, Postgres's and the
 * kernel's background work), the noise behind a bad run.
 */
export function machineProbe() {
  return {
    name: 'machine',
    snapshot: () => {
      try {
        const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
        // cpu user nice system idle iowait irq softirq steal …
        const busy = [1, 2, 3, 6, 7].reduce((sum, i) => sum + Number(cpu[i]), 0);
        return (busy * 1000) / clockTicks();
      } catch {
        return undefined;
      }
    },
    spentMs: difference,
  };
}

/** One process we know the pid of (a service we started, a local server). */
export function processProbe(name, pid) {
  return {
    name,
    snapshot: () => (pid === undefined ? undefined : procCpuMs(pid)),
    spentMs: difference,
  };
}

/**
 * The pid of the only local process named `comm` (e.g. `nats-server`), or undefined when there
 * is none, several, or no /proc. Used for servers we did not start, so their CPU is the whole
 * process's: other users of the same server are counted too.
 */
export function findLocalProcess(comm) {
  let found;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let name;
      try {
        name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      } catch {
        continue;
      }
      if (name !== comm) continue;
      if (found !== undefined) return undefined;
      found = Number(entry);
    }
  } catch {
    return undefined;
  }
  return found;
}

/** Local ports of `pid`'s TCP connections to `remotePort` (from its fds and /proc/<pid>/net/tcp*). */
function localPortsTo(pid, remotePort) {
  const inodes = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]);
      } catch {
        // fd closed meanwhile
      }
    }
  } catch {
    return [];
  }
  const ports = [];
  for (const table of ['tcp', 'tcp6']) {
    let text;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9])) continue;
      const local = Number.parseInt(cols[1].split(':').at(-1), 16);
      const remote = Number.parseInt(cols[2].split(':').at(-1), 16);
      if (remote === remotePort) ports.push(local);
    }
  }
  return ports;
}

/**
 * The Postgres backends serving `ownerPid`'s connections (the ledger's pool): its sockets to
 * the server's port, matched to `pg_stat_activity.client_port`, then each backend's CPU from
 * /proc. Needs Postgres on this machine; otherwise the column shows "–". A backend that ends
 * during a phase takes its CPU with it (undercount); connection pools rarely close under load.
 */
export async function postgresBackendsProbe({ name, ownerPid, connectionString, port }) {
  const { Client } = require('pg');
  const client = new Client({ connectionString });
  await client.connect();
  const snapshot = async () => {
    const ports = localPortsTo(ownerPid, port);
    if (ports.length === 0) return new Map();
    const { rows } = await client.query(
      'SELECT pid, client_port FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND pid <> pg_backend_pid()',
      [ports],
    );
    const cpu = new Map();
    for (const row of rows) {
      const ms = procCpuMs(row.pid);
      if (ms === undefined) return undefined; // not on this machine
      cpu.set(row.pid, ms);
    }
    return cpu;
  };
  return {
    name,
    snapshot,
    spentMs: (before, after) => {
      if (before === undefined || after === undefined) return NaN;
      let total = 0;
      for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
      return total;
    },
    close: () => client.end(),
  };
}

/**
 * Snapshot every probe now; `await stop(served)` after the phase gives CPU ms per request
 * served, by probe name, plus `other`: the machine probe's time minus every other probe's
 * (when a machine probe is among them).
 */
export async function startCpuMeter(probes) {
  const before = await Promise.all(probes.map((probe) => probe.snapshot()));
  return async (served) => {
    const after = await Promise.all(probes.map((probe) => probe.snapshot()));
    const perRequest = Object.fromEntries(
      probes.map((probe, i) => [probe.name, probe.spentMs(before[i], after[i]) / served]),
    );
    if ('machine' in perRequest) {
      const ours = Object.entries(perRequest)
        .filter(([name, value]) => name !== 'machine' && Number.isFinite(value))
        .reduce((sum, [, value]) => sum + value, 0);
      perRequest.other = Math.max(0, perRequest.machine - ours);
    }
    return perRequest;
  };
}
