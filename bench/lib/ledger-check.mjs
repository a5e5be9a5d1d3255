import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until the ledger has written one usage row per gateway chat request the bench made:
 * `GET /v1/usage` (admin key, no filters) until `totals.requests` equals `expected`.
 *
 * Returns `{ status, expected, rows, lagMs, problem? }`, `lagMs` counted from the call:
 * - `caught-up`: rows === expected (the only good outcome);
 * - `over`: more rows than requests (a request counted twice, or a request the bench did not
 *   count — see bench/README.md);
 * - `stalled`: fewer rows and no progress for `stallMs` (events lost, or the consumer stuck);
 * - `timeout`: still progressing after `timeoutMs`.
 *
 * `excludeModels`: rows of these models are not chat requests of the bench and are left out
 * (the semantic cache's `chat.cache` lookups, booked under the embedding model).
 */
export async function waitForLedger({
  api,
  expected,
  timeoutMs,
  stallMs = 5000,
  intervalMs = 50,
  excludeModels = [],
}) {
  const began = performance.now();
  let rows;
  let lastChangeAt = began;
  let lastError;
  for (;;) {
    const now = performance.now();
    try {
      const current = await chatRows(api, excludeModels);
      if (current !== rows) {
        rows = current;
        lastChangeAt = performance.now();
      }
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    const lagMs = performance.now() - began;
    if (rows === expected) return { status: 'caught-up', expected, rows, lagMs };
    if (rows > expected) {
      // Give stragglers a moment so the report shows the final count, then say so.
      if (now - lastChangeAt >= 1000) return { status: 'over', expected, rows, lagMs };
    } else if (now - lastChangeAt >= stallMs) {
      return { status: 'stalled', expected, rows: rows ?? NaN, lagMs, problem: lastError };
    }
    if (lagMs >= timeoutMs) {
      return { status: 'timeout', expected, rows: rows ?? NaN, lagMs, problem: lastError };
    }
    await sleep(intervalMs);
  }
}

/** One line for the report: "caught up in 412 ms", "stalled: 9,998 of 10,000 rows", … */
export function describeCatchUp(check) {
  const n = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '?');
  switch (check.status) {
    case 'caught-up':
      return `caught up ${n(check.lagMs)} ms after the last request`;
    case 'over':
      return `${n(check.rows)} usage rows for ${n(check.expected)} requests (${n(check.rows - check.expected)} too many)`;
    case 'stalled':
      return `stalled at ${n(check.rows)} of ${n(check.expected)} usage rows for ${n(check.lagMs)} ms${check.problem ? ` (${check.problem})` : ''}`;
    default:
      return `still ${n(check.rows)} of ${n(check.expected)} usage rows after ${n(check.lagMs)} ms${check.problem ? ` (${check.problem})` : ''}`;
  }
}

/** Usage rows, without those of the excluded models. */
async function chatRows(api, excludeModels) {
  if (excludeModels.length === 0) return (await api.usage()).totals.requests;
  const report = await api.usage('group_by=model');
  return report.data
    .filter((row) => !excludeModels.includes(row.model))
    .reduce((sum, row) => sum + row.requests, 0);
}
