import { Subjects, type UsageReport } from '@conduit/contracts';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal';
import { LedgerClient } from '../ledger/ledger.client';
import { sendCsvPages } from '../http/csv';
import { USAGE_CSV_COLUMNS, usageCsvRows } from './usage-csv';
import { parseUsageExport, parseUsageQuery } from './usage-query.parser';

const EXPORT_PAGE_SIZE = 2000;

/** Usage and cost: a key sees its own, the admin everyone's. */
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly ledger: LedgerClient) {}

  @Get()
  query(@Query() query: unknown, @Req() request: FastifyRequest): Promise<UsageReport> {
    return this.ledger.request(
      Subjects.ledgerUsageQuery,
      parseUsageQuery(query, principalOf(request)),
    );
  }

  /**
   * Per-request rows as CSV, streamed page by page. The first page is fetched before any byte
   * is sent, so an early failure is an ordinary error; a later one cuts the download (the
   * client sees an incomplete transfer, never a short file that looks complete).
   */
  @Get('export')
  async export(
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const filters = parseUsageExport(query, principalOf(request));
    await sendCsvPages(
      request,
      reply,
      { filename: 'conduit-usage.csv', header: USAGE_CSV_COLUMNS, rows: usageCsvRows },
      (cursor) =>
        this.ledger.request(Subjects.ledgerUsageExport, {
          ...filters,
          cursor,
          limit: EXPORT_PAGE_SIZE,
        }),
      filters.cursor ?? null,
    );
  }
}
