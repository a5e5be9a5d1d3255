import { storableJson, type RequestLogEvent } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { LedgerDatabase, Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';

@Injectable()
export class RequestLogRepository {
  /**
   * Stores the logs of a batch (see `RequestLogWriter`) in one statement, each unless its request
   * id is already there; each expires `retentionDays` after it happened. Prompts and answers are
   * caller text: made storable first (NUL, lone surrogates), as Postgres would refuse the event.
   * Request ids must be distinct within a batch. Returns, per log, whether it was new.
   */
  async insertBatch(db: LedgerDatabase, received: readonly RequestLogEvent[]): Promise<boolean[]> {
    const rows = received.map((one) => {
      const log = storableJson(one);
      return {
        request_id: log.requestId,
        team_id: log.teamId,
        key_id: log.keyId,
        model: log.model,
        request: log.request,
        response: log.response,
        occurred_at: log.occurredAt,
        retention_days: log.retentionDays,
      };
    });
    const inserted = await db.queryPrepared<{ request_id: string }>(
      'request_log_insert_batch_v1',
      Prisma.sql`
      INSERT INTO request_logs (request_id, team_id, key_id, model, request, response,
        created_at, expires_at)
      SELECT request_id, team_id, key_id, model, request, response, occurred_at,
        occurred_at + make_interval(days => retention_days)
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS l(
        request_id text, team_id text, key_id text, model text, request text, response text,
        occurred_at timestamptz, retention_days int)
      ORDER BY request_id
      ON CONFLICT (request_id) DO NOTHING
      RETURNING request_id`,
    );
    const fresh = new Set(inserted.map((row) => row.request_id));
    return received.map((log) => fresh.has(log.requestId));
  }

  /**
   * Deletes up to `batchSize` expired logs. Replicas running this at once take disjoint rows
   * (SKIP LOCKED) instead of waiting for each other; small batches keep each lock short.
   */
  async deleteExpired(db: Tx, batchSize: number): Promise<number> {
    return db.$executeRaw`
      DELETE FROM request_logs WHERE request_id IN (
        SELECT request_id FROM request_logs
        WHERE expires_at <= now()
        ORDER BY expires_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)`;
  }
}
