import type { DurableBacklog } from '@conduit/messaging';
import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Gauge, Histogram } from 'prom-client';

// The ledger's own metrics. Labels stay low-cardinality: outcomes, states and budget scopes,
// never a key, user or request id; a team id only on the budget utilisation gauge (teams are
// few and made by admins).

const booked = new Counter({
  name: 'conduit_ledger_usage_events_total',
  help: 'Usage events the ledger consumed, by outcome: booked (first delivery, committed) or duplicate (booked before: a redelivery or a retried publish)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});
for (const outcome of ['booked', 'duplicate']) booked.inc({ outcome }, 0);

const batchEvents = new Histogram({
  name: 'conduit_ledger_write_batch_events',
  help: 'Usage events per write batch (one statement, one commit)',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers: [metricsRegistry],
});

const usageLag = new Histogram({
  name: 'conduit_ledger_usage_lag_seconds',
  help: 'Time from a usage event (its occurredAt, set by the gateway) to its booking commit',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  registers: [metricsRegistry],
});

/** Reads the durable consumer's backlog; several in one process only in tests. */
const backlogSources = new Set<() => Promise<DurableBacklog>>();
const BACKLOG_TIMEOUT_MS = 2_000;

/** The largest backlog among the sources that answered in time (none answering: nothing). */
async function readBacklog(): Promise<DurableBacklog | undefined> {
  const answers = await Promise.all(
    [...backlogSources].map((read) => withTimeout(read(), BACKLOG_TIMEOUT_MS).catch(() => null)),
  );
  const known = answers.filter((answer): answer is DurableBacklog => answer !== null);
  if (known.length === 0) return undefined;
  return {
    waiting: Math.max(...known.map((b) => b.waiting)),
    inFlight: Math.max(...known.map((b) => b.inFlight)),
    oldestAgeSeconds: Math.max(...known.map((b) => b.oldestAgeSeconds)),
  };
}

// One read per scrape serves both gauges (they are collected one after the other).
let pendingRead: Promise<DurableBacklog | undefined> | undefined;
function sharedBacklogRead(): Promise<DurableBacklog | undefined> {
  pendingRead ??= readBacklog().finally(() => setImmediate(() => (pendingRead = undefined)));
  return pendingRead;
}

new Gauge({
  name: 'conduit_ledger_events_pending',
  help: "Ledger stream events the ledger's durable consumer has not finished (all replicas together, asked of JetStream at scrape time), by state: waiting (not yet delivered) or in_flight (delivered, not acked)",
  labelNames: ['state'],
  registers: [metricsRegistry],
  async collect() {
    const backlog = await sharedBacklogRead();
    if (!backlog) return;
    this.set({ state: 'waiting' }, backlog.waiting);
    this.set({ state: 'in_flight' }, backlog.inFlight);
  },
});

new Gauge({
  name: 'conduit_ledger_oldest_pending_event_age_seconds',
  help: 'Age of the oldest ledger stream event not yet booked (0 when none is outstanding): the consumer lag, which grows even when nothing gets booked',
  registers: [metricsRegistry],
  async collect() {
    const backlog = await sharedBacklogRead();
    if (backlog) this.set(backlog.oldestAgeSeconds);
  },
});

const reservationsActive = new Gauge({
  name: 'conduit_budget_reservations_active',
  help: 'Budget holds of requests in flight (reservations not yet settled or expired), counted by the expiry sweeper',
  registers: [metricsRegistry],
});

const budgetRefusals = new Counter({
  name: 'conduit_budget_refusals_total',
  help: 'Budget reservations refused (429 budget_exceeded), by the scope of the budget blamed: key, user or team',
  labelNames: ['scope'],
  registers: [metricsRegistry],
});
for (const scope of ['key', 'user', 'team']) budgetRefusals.inc({ scope }, 0);

/** One team's highest budget utilisation in one scope (see readBudgetUtilization). */
export interface BudgetUtilization {
  scope: string;
  team: string;
  ratio: number;
}

/** Reads utilisation from the database; several in one process only in tests. */
const utilizationSources = new Set<() => Promise<BudgetUtilization[]>>();
/** A scrape never waits longer than this for the database. */
const UTILIZATION_TIMEOUT_MS = 2_000;

new Gauge({
  name: 'conduit_budget_utilization_ratio',
  // Labels: scope and team only. A key's or user's budget counts toward its team's series in
  // its scope; their ids are never labels (unbounded, and they belong to the usage API).
  help: "Share of a budget spent in its current window (spent / amount, 1 = exhausted), per team and budget scope (key, user, team): the highest among that team's budgets of the scope; read from the database at scrape time",
  labelNames: ['scope', 'team'],
  registers: [metricsRegistry],
  async collect() {
    const answers = await Promise.all(
      [...utilizationSources].map((read) =>
        withTimeout(read(), UTILIZATION_TIMEOUT_MS).catch(() => null),
      ),
    );
    // Budgets and teams come and go: only what this scrape read is reported. No answer in
    // time (database slow or down): no series, rather than stale ones.
    const highest = new Map<string, BudgetUtilization>();
    for (const rows of answers) {
      for (const row of rows ?? []) {
        if (!Number.isFinite(row.ratio)) continue;
        const key = `${row.scope}\u0000${row.team}`;
        if ((highest.get(key)?.ratio ?? -Infinity) < row.ratio) highest.set(key, row);
      }
    }
    this.reset();
    for (const { scope, team, ratio } of highest.values()) this.set({ scope, team }, ratio);
  },
});

/** Counts one written batch of `size` usage events. */
export function recordWriteBatch(size: number): void {
  batchEvents.observe(size);
}

/** Counts one consumed usage event; a booked one also gives the lag since it occurred. */
export function recordUsageEvent(recorded: boolean, occurredAt: string): void {
  if (!recorded) {
    booked.inc({ outcome: 'duplicate' });
    return;
  }
  booked.inc({ outcome: 'booked' });
  const occurred = Date.parse(occurredAt);
  if (Number.isFinite(occurred)) usageLag.observe(Math.max(0, (Date.now() - occurred) / 1000));
}

/** Adds a source of the consumer's backlog; returns its removal. */
export function watchBacklog(read: () => Promise<DurableBacklog>): () => void {
  backlogSources.add(read);
  return () => backlogSources.delete(read);
}

/**
 * Adds a source of budget utilisation; returns its removal. A read still running when the next
 * scrape comes is shared, so a slow database sees one query at a time from this process.
 */
export function watchBudgetUtilization(read: () => Promise<BudgetUtilization[]>): () => void {
  let pending: Promise<BudgetUtilization[]> | undefined;
  const shared = () => (pending ??= read().finally(() => (pending = undefined)));
  utilizationSources.add(shared);
  return () => utilizationSources.delete(shared);
}

export function setActiveReservations(count: number): void {
  reservationsActive.set(count);
}

export function recordBudgetRefusal(scope: string): void {
  budgetRefusals.inc({ scope });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
