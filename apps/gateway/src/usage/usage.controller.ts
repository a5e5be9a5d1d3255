import { Subjects, type UsageReport } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { usageCsvHeader, usageCsvRows } from './usage-csv';
import { parseUsageExport, parseUsageQuery } from './usage-query.parser';

const EXPORT_PAGE_SIZE = 2000;

/** Usage and cost: a key sees its own, the admin everyone's. */
@Controller('v1/usage')
export class UsageController {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  query(@Query() query: unknown, @Req() request: FastifyRequest): Promise<UsageReport> {
    return this.messaging.request(
      Subjects.ledgerUsageQuery,
      parseUsageQuery(query, principalOf(request)),
      { timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS },
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
      this.messaging.request(
        Subjects.ledgerUsageExport,
        { ...filters, cursor, limit: EXPORT_PAGE_SIZE },
        { timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS },
      );
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
