import {
  AuditExportQuerySchema,
  AuditListQuerySchema,
  Subjects,
  type AuditList,
} from '@conduit/contracts';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminOnly } from '../auth/admin-only.decorator';
import { sendCsvPages } from '../http/csv';
import { parseInput } from '../http/parse-input';
import { LedgerClient } from '../ledger/ledger.client';
import { AUDIT_CSV_COLUMNS, auditCsvRows } from './audit-csv';

const EXPORT_PAGE_SIZE = 1000;

/** The admin audit log: every admin action, who did it, to what, and how it went. */
@AdminOnly()
@Controller('v1/admin/audit')
export class AuditController {
  constructor(private readonly ledger: LedgerClient) {}

  /** Newest first, `limit` (default 100, at most 1000) a page, `next_cursor` for the next. */
  @Get()
  list(@Query() query: unknown): Promise<AuditList> {
    const { limit, cursor, ...filters } = parseInput(AuditListQuerySchema, query);
    return this.ledger.request(Subjects.ledgerAuditList, {
      ...filters,
      ...(limit === undefined ? {} : { limit: Number(limit) }),
      ...(cursor === undefined ? {} : { cursor }),
      order: 'desc',
    });
  }

  /**
   * Every matching entry as CSV, oldest first, streamed page by page. The first page is
   * fetched before any byte is sent, so an early failure is an ordinary error; a later one
   * cuts the download (an incomplete transfer, never a short file that looks complete).
   */
  @Get('export')
  async export(
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const filters = parseInput(AuditExportQuerySchema, query);
    delete filters.format;
    await sendCsvPages(
      request,
      reply,
      { filename: 'conduit-audit.csv', header: AUDIT_CSV_COLUMNS, rows: auditCsvRows },
      (cursor) =>
        this.ledger.request(Subjects.ledgerAuditList, {
          ...filters,
          cursor,
          limit: EXPORT_PAGE_SIZE,
          order: 'asc',
        }),
    );
  }
}
