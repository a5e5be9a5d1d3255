import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One RFC 4180 cell. A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR) is prefixed with `'`: exported names and summaries are caller-given text.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells, each ended by CRLF. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>) {
  return rows.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}

interface CsvPage<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Streams a paged export as one CSV download: the first page is fetched before any byte goes
 * out (so a refusal is still an ordinary error), then page after page, waiting for the client
 * to drain; a client that leaves stops the paging, a failure mid-way cuts the download.
 */
export async function sendCsvPages<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  csv: { filename: string; header: readonly string[]; rows: (items: T[]) => string },
  page: (cursor: string | null) => Promise<CsvPage<T>>,
  firstCursor: string | null = null,
): Promise<void> {
  let current = await page(firstCursor);
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${csv.filename}"`,
    'x-request-id': request.id,
  });
  out.write(`${csv.header.join(',')}\r\n`);
  try {
    for (;;) {
      if (!out.write(csv.rows(current.data))) {
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
