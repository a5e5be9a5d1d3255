import {
  storableJson,
  ValidationError,
  type AuditEvent,
  type AuditList,
  type AuditListRequest,
  type AuditRecordRequest,
  type AuditRecordResult,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { LedgerDatabase } from '../database/ledger-database';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditRepository, type AuditEventRow, type AuditRange } from './audit.repository';

const DEFAULT_LIMIT = 100;
/**
 * Largest page, in bytes of JSON: a page is one NATS reply, and NATS refuses messages over its
 * max_payload (1 MB by default). A summary may take 8 KiB, so a page of 1,000 could pass it.
 */
export const AUDIT_PAGE_MAX_BYTES = 256 * 1024;

/** The admin audit log: entries recorded by the gateway, and their listing. */
@Injectable()
export class AuditService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly audit: AuditRepository,
  ) {}

  /** Idempotent by request id: a retried record returns the entry stored the first time. */
  record(entry: AuditRecordRequest): Promise<AuditRecordResult> {
    // Summaries carry admin-given text (names): made storable (NUL, lone surrogates) first.
    return this.audit.insert(this.database.client, newAuditId(), storableJson(entry));
  }

  async list(request: AuditListRequest): Promise<AuditList> {
    const order = request.order ?? 'desc';
    const limit = request.limit ?? DEFAULT_LIMIT;
    const after = request.cursor ? decodeAuditCursor(request.cursor, order) : undefined;
    const rows = await this.audit.page(
      this.database.client,
      request,
      auditRange(request),
      order,
      after,
      limit + 1,
    );
    const events = rows.slice(0, limit).map(toAuditEvent);
    const fitting = entriesThatFit(events, AUDIT_PAGE_MAX_BYTES);
    const last = rows[fitting - 1];
    return {
      object: 'list',
      data: events.slice(0, fitting),
      next_cursor:
        rows.length > fitting && last ? encodeAuditCursor({ order, seq: BigInt(last.seq) }) : null,
    };
  }
}

function newAuditId(): string {
  return `aud_${randomBytes(16).toString('hex')}`;
}

/** `from` inclusive, `to` exclusive; a bare date is midnight UTC. */
export function auditRange(filter: { from?: string; to?: string }): AuditRange {
  const at = (value: string) =>
    new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  const range: AuditRange = {
    ...(filter.from ? { from: at(filter.from) } : {}),
    ...(filter.to ? { to: at(filter.to) } : {}),
  };
  if (range.from && range.to && range.from > range.to) {
    throw new ValidationError('`from` must not be after `to`.', {
      code: 'invalid_range',
      param: 'from',
    });
  }
  return range;
}

/** How many of `events` (in order) fit in `maxBytes` of JSON — at least one, so pages advance. */
export function entriesThatFit(events: readonly AuditEvent[], maxBytes: number): number {
  let bytes = 2;
  for (let count = 0; count < events.length; count++) {
    bytes += Buffer.byteLength(JSON.stringify(events[count])) + 1;
    if (bytes > maxBytes) return Math.max(1, count);
  }
  return events.length;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    object: 'audit_event',
    request_id: row.request_id,
    occurred_at: row.occurred_at.toISOString(),
    recorded_at: row.recorded_at.toISOString(),
    actor: row.actor,
    actor_type: row.actor_type as AuditEvent['actor_type'],
    action: row.action,
    route: row.route,
    target: { team_id: row.team_id, user_id: row.user_id, key_id: row.key_id },
    summary: row.summary,
    outcome: row.outcome,
    status: row.status,
    error_type: row.error_type,
    error_code: row.error_code,
  };
}
