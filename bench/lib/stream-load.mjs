import { readChatStream } from './sse-stream.mjs';
import { summarize } from './stats.mjs';

const STREAM_TIMEOUT_MS = 30_000;
const MAX_FAILURE_SAMPLES = 5;

/**
 * Closed-loop streaming load: `workers` clients, each sending its next stream as soon as the
 * previous one ends, until `requests` streams have been sent in total. autocannon cannot do
 * this: it sees a response as one blob and has no notion of "first token".
 *
 * Uses Node's built-in fetch (keep-alive pool per origin, so at most `workers` sockets) to
 * avoid depending on a transitive copy of undici.
 */
export async function runStreams({ target, body, workers, requests }) {
  const ttft = [];
  const total = [];
  const failures = new Map(); // problem -> count
  let failed = 0;
  let next = 0;

  const one = async () => {
    const startedAt = performance.now();
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: target.headers,
        body,
        signal: AbortSignal.timeout(STREAM_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        const text = await response.text();
        return `HTTP ${response.status}: ${text.slice(0, 160)}`;
      }
      const result = await readChatStream(response.body, startedAt);
      if (!result.ok) return result.problem;
      ttft.push(result.ttftMs);
      total.push(result.totalMs);
      return undefined;
    } catch (error) {
      const cause = error?.cause?.message ?? '';
      return `${error?.name ?? 'Error'}: ${error?.message ?? error}${cause ? ` (${cause})` : ''}`;
    }
  };

  const worker = async () => {
    while (next < requests) {
      next++;
      const problem = await one();
      if (problem !== undefined) {
        failed++;
        // Group by message without numbers (ids, ports), so the report lists kinds, not instances.
        const kind = problem.replace(/\d+/g, 'N');
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    }
  };

  const began = performance.now();
  await Promise.all(Array.from({ length: Math.min(workers, requests) }, worker));
  const elapsedS = (performance.now() - began) / 1000;

  return {
    label: target.label,
    requests,
    ok: total.length,
    failed,
    failureKinds: [...failures.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_FAILURE_SAMPLES)
      .map(([problem, count]) => ({ problem, count })),
    elapsedS,
    streamsPerS: total.length / elapsedS,
    ttft: summarize(ttft),
    total: summarize(total),
  };
}
