import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Gauge } from 'prom-client';

/**
 * Audit entries by what became of them: `recorded` (the ledger stored it before the admin's
 * answer), `deferred` (the ledger did not take it in time: retried in the background),
 * `recorded_late` (a deferred one stored), `refused` (the ledger refused it as invalid: a
 * bug, logged in full), `unrecorded` (given up at shutdown or past the queue's bound: logged
 * in full at error level, never silently).
 */
export const auditRecords = new Counter({
  name: 'conduit_audit_records_total',
  help: 'Admin audit entries by result: recorded, deferred, recorded_late, refused, unrecorded.',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

export const auditPending = new Gauge({
  name: 'conduit_audit_pending',
  help: 'Admin audit entries waiting for the ledger in this gateway (deferred, retried).',
  registers: [metricsRegistry],
});
