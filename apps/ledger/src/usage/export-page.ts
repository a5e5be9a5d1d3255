import type { UsageRecord } from '@conduit/contracts';

/**
 * Largest export page, in bytes of JSON. A page travels as one NATS reply, and NATS refuses
 * messages over its max_payload (1 MB by default): a page of 2,000 rows is about 1.2 MB. A
 * quarter of the default leaves room for the envelope and for rows with long model names.
 */
export const EXPORT_PAGE_MAX_BYTES = 256 * 1024;

/**
 * How many of `records` (in order) fit in `maxBytes` of JSON — always at least one, so an
 * export always advances. The rest come with the next page.
 */
export function rowsThatFit(records: readonly UsageRecord[], maxBytes: number): number {
  let bytes = 2; // the array's brackets
  for (let count = 0; count < records.length; count++) {
    bytes += Buffer.byteLength(JSON.stringify(records[count])) + 1;
    if (bytes > maxBytes) return Math.max(1, count);
  }
  return records.length;
}
