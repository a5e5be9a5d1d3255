import { DomainError, Subjects, type AuditRecordRequest } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { auditPending, auditRecords } from './audit-metrics';

/** How long the admin's answer waits for the ledger to store its entry, retries included. */
const INLINE_BUDGET_MS = 3_000;
/** One attempt's timeout. */
const ATTEMPT_TIMEOUT_MS = 2_000;
/** Entries kept for background retries; past it the oldest is logged in full and given up. */
const MAX_PENDING = 10_000;
/** How long shutdown spends on a last try before logging what is left. */
const SHUTDOWN_BUDGET_MS = 5_000;

/**
 * Stores admin audit entries in the ledger (`ledger.v1.audit.record`, idempotent by request
 * id, so a retry whose first attempt did land is stored once).
 *
 * Request/reply rather than a JetStream event, deliberately: (1) the admin's answer waits for
 * the commit, so the log read right after an action shows it; (2) the ledger stream's one
 * durable consumer books usage and would receive audit events too (nats-server 2.9 has no
 * multi-subject consumer filters); (3) admin actions are rare, so the hop costs nothing that
 * matters. What a durable stream would add — surviving a ledger outage — is covered here:
 * an entry the ledger does not take within INLINE_BUDGET_MS is retried in the background
 * until it is stored, counted in `conduit_audit_records_total{result="deferred"}` and
 * `conduit_audit_pending`; one still unstored at shutdown (or past MAX_PENDING) is logged in
 * full at error level (`audit entry not recorded`) so it can be replayed. Never silently lost;
 * an entry can only go missing if the gateway process is killed hard while the ledger is
 * unreachable — the price of not running a stream of our own.
 */
@Injectable()
export class AuditRecorder implements OnApplicationShutdown {
  private readonly logger = createLogger('gateway');
  private readonly pending: AuditRecordRequest[] = [];
  private draining?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(private readonly messaging: MessagingClient) {}

  /**
   * Resolves once the entry is stored, or handed to the background retry (never rejects: the
   * action already happened, its answer must not be lost to the audit log's trouble).
   */
  async record(entry: AuditRecordRequest): Promise<'recorded' | 'deferred' | 'refused'> {
    const deadline = Date.now() + INLINE_BUDGET_MS;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.tryOnce(
        entry,
        Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()),
      );
      if (outcome !== 'retry') {
        auditRecords.inc({ result: outcome });
        return outcome;
      }
      const delay = Math.min(100 * 2 ** attempt, 1_000);
      if (Date.now() + delay >= deadline) break;
      await sleep(delay);
    }
    this.defer(entry);
    return 'deferred';
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.draining;
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    while (this.pending.length > 0 && Date.now() < deadline) {
      const outcome = await this.tryOnce(this.pending[0], ATTEMPT_TIMEOUT_MS);
      if (outcome === 'retry') break;
      this.pending.shift();
      auditRecords.inc({ result: outcome === 'recorded' ? 'recorded_late' : outcome });
    }
    for (const entry of this.pending.splice(0)) this.giveUp(entry, 'gateway shutting down');
    auditPending.set(0);
  }

  private async tryOnce(
    entry: AuditRecordRequest,
    timeoutMs: number,
  ): Promise<'recorded' | 'refused' | 'retry'> {
    try {
      await this.messaging.request(Subjects.ledgerAuditRecord, entry, {
        timeoutMs: Math.max(100, timeoutMs),
      });
      return 'recorded';
    } catch (error) {
      if (error instanceof DomainError && error.type === 'validation_error') {
        // Retrying cannot help: the entry breaks the contract. A bug; keep it in the logs.
        this.logger.error({ audit: entry, error: error.toPayload() }, 'audit entry refused');
        return 'refused';
      }
      return 'retry';
    }
  }

  private defer(entry: AuditRecordRequest): void {
    auditRecords.inc({ result: 'deferred' });
    this.logger.warn(
      { request_id: entry.request_id, action: entry.action },
      'audit entry deferred: the ledger did not store it in time; retrying in the background',
    );
    this.pending.push(entry);
    if (this.pending.length > MAX_PENDING) this.giveUp(this.pending.shift()!, 'queue full');
    auditPending.set(this.pending.length);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Retries the deferred entries in order, backing off while the ledger stays away. */
  private async drain(): Promise<void> {
    let attempt = 0;
    while (this.pending.length > 0 && !this.stopping.signal.aborted) {
      const outcome = await this.tryOnce(this.pending[0], ATTEMPT_TIMEOUT_MS);
      if (outcome === 'retry') {
        const delay = Math.min(500 * 2 ** Math.min(attempt++, 6), 30_000);
        // Woken (and left) at shutdown, which makes its own last try.
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        continue;
      }
      attempt = 0;
      this.pending.shift();
      auditPending.set(this.pending.length);
      auditRecords.inc({ result: outcome === 'recorded' ? 'recorded_late' : outcome });
    }
  }

  private giveUp(entry: AuditRecordRequest, reason: string): void {
    auditRecords.inc({ result: 'unrecorded' });
    this.logger.error({ audit: entry, reason }, 'audit entry not recorded');
  }
}
