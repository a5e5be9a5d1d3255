import { Subjects, type UsageReport } from '@conduit/contracts';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal';
import { LedgerClient } from '../ledger/ledger.client';
import { usageCsvHeader, usageCsvRows } from './usage-csv';
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
    const page = (cursor: string | null) =>
      this.ledger.request(Subjects.ledgerUsageExport, {
        ...filters,
        cursor,
        limit: EXPORT_PAGE_SIZE,
      });
    let current = await page(filters.cursor ?? null);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="conduit-usage.csv"',
      'x-request-id': request.id,
    });
    out.write(usageCsvHeader());
    try {
      for (;;) {
        if (!out.write(usageCsvRows(current.data))) {
          await new Promise((resolve) => {
            out.once('drain', resolve);
            out.once('close', resolve);
          });
        }
        if (!current.next_cursor || out.destroyed) break;
        current = await page(current.next_cursor);
      }
      out.end();
    } catch {
      out.destroy();
    }
  }
}
