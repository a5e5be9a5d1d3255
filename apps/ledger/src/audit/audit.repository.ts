import type { AuditFilter, AuditOutcome, AuditRecordRequest } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';

export interface AuditEventRow {
  seq: bigint;
  id: string;
  request_id: string;
  occurred_at: Date;
  recorded_at: Date;
  actor: string;
  actor_type: string;
  action: string;
  route: string;
  team_id: string | null;
  user_id: string | null;
  key_id: string | null;
  summary: Record<string, unknown>;
  outcome: AuditOutcome;
  status: number;
  error_type: string | null;
  error_code: string | null;
}

/** Where a page starts: strictly after (`asc`) or before (`desc`) this row. */
export interface AuditPosition {
  order: 'asc' | 'desc';
  seq: bigint;
}

export interface AuditRange {
  from?: Date;
  to?: Date;
}

/**
 * `audit_events`, append-only: this repository inserts, reads and (for retention) deletes
 * rows; it never updates one (the table's trigger would refuse it anyway).
 */
@Injectable()
export class AuditRepository {
  /**
   * Stores one entry unless its request id is already there (a retried record); returns the
   * stored entry's id either way.
   */
  async insert(
    db: Tx,
    id: string,
    entry: AuditRecordRequest,
  ): Promise<{ id: string; duplicate: boolean }> {
    const inserted = await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO audit_events (id, request_id, occurred_at, actor, actor_type, action, route,
        team_id, user_id, key_id, summary, outcome, status, error_type, error_code)
      VALUES (${id}, ${entry.request_id}, ${new Date(entry.occurred_at)}, ${entry.actor},
        ${entry.actor_type}, ${entry.action}, ${entry.route}, ${entry.target.team_id},
        ${entry.target.user_id}, ${entry.target.key_id}, ${JSON.stringify(entry.summary)}::jsonb,
        ${entry.outcome}::audit_outcome, ${entry.status}, ${entry.error_type},
        ${entry.error_code})
      ON CONFLICT (request_id) DO NOTHING
      RETURNING id`;
    if (inserted.length > 0) return { id, duplicate: false };
    const existing = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM audit_events WHERE request_id = ${entry.request_id}`;
    return { id: existing[0].id, duplicate: true };
  }

  /** Up to `limit` entries matching the filters, in `order` of insertion, after `after`. */
  page(
    db: Tx,
    filter: AuditFilter,
    range: AuditRange,
    order: 'asc' | 'desc',
    after: AuditPosition | undefined,
    limit: number,
  ): Promise<AuditEventRow[]> {
    const conditions: Prisma.Sql[] = [];
    if (range.from) conditions.push(Prisma.sql`occurred_at >= ${range.from}`);
    if (range.to) conditions.push(Prisma.sql`occurred_at < ${range.to}`);
    if (filter.actor) conditions.push(Prisma.sql`actor = ${filter.actor}`);
    if (filter.action) {
      // The action itself and its sub-actions: `budget` finds `budget.set`, `budget.remove`.
      const family = `${filter.action.replaceAll('_', '\\_')}.%`;
      conditions.push(Prisma.sql`(action = ${filter.action} OR action LIKE ${family})`);
    }
    if (filter.outcome) conditions.push(Prisma.sql`outcome = ${filter.outcome}::audit_outcome`);
    if (filter.team_id) conditions.push(Prisma.sql`team_id = ${filter.team_id}`);
    if (filter.user_id) conditions.push(Prisma.sql`user_id = ${filter.user_id}`);
    if (filter.key_id) conditions.push(Prisma.sql`key_id = ${filter.key_id}`);
    if (after) {
      conditions.push(
        order === 'asc' ? Prisma.sql`seq > ${after.seq}` : Prisma.sql`seq < ${after.seq}`,
      );
    }
    const where =
      conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const orderBy = order === 'asc' ? Prisma.sql`ORDER BY seq ASC` : Prisma.sql`ORDER BY seq DESC`;
    return db.$queryRaw<AuditEventRow[]>`
      SELECT seq, id, request_id, occurred_at, recorded_at, actor, actor_type, action, route,
        team_id, user_id, key_id, summary, outcome::text AS outcome, status, error_type,
        error_code
      FROM audit_events ${where} ${orderBy} LIMIT ${limit}`;
  }

  /**
   * Deletes up to `batchSize` entries that happened more than `retentionDays` ago. Replicas
   * running this at once take disjoint rows (SKIP LOCKED); small batches keep each lock short.
   */
  deleteOlderThan(db: Tx, retentionDays: number, batchSize: number): Promise<number> {
    return db.$executeRaw`
      DELETE FROM audit_events WHERE seq IN (
        SELECT seq FROM audit_events
        WHERE occurred_at < now() - make_interval(days => ${retentionDays}::int)
        ORDER BY occurred_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)`;
  }
}
