import { createRequire } from 'node:module';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * One fixed-duration, fixed-concurrency autocannon run of non-streaming POSTs.
 *
 * autocannon only records latencies of 2xx responses, in whole milliseconds (its HDR
 * histogram's lowest discernible value is 1 ms); failures are reported separately.
 * `exactLatencies` keeps every 2xx response's own time instead (autocannon measures it with
 * process.hrtime and emits it per response), for runs where 1 ms is too coarse — one
 * connection, where a direct request takes a fraction of a millisecond. Off by default: at
 * thousands of requests a second, collecting them costs the load generator CPU.
 */
export async function runHttpLoad({
  target,
  body,
  bodies,
  connections,
  durationS,
  exactLatencies,
}) {
  // `bodies`: send these in turn instead of one fixed body (the semantic cache row).
  let next = 0;
  const instance = autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body,
    ...(bodies
      ? {
          requests: [
            { setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) },
          ],
        }
      : {}),
    connections,
    duration: durationS,
    // The responses of this bench are tiny; a stuck request is a failure, not a data point.
    timeout: 10,
  });
  const samples = [];
  if (exactLatencies) {
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTimeMs);
    });
  }
  const result = await instance;
  const latency = exactLatencies ? summarize(samples) : result.latency;
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    label: target.label,
    durationS,
    connections,
    // Completed 2xx per second over the whole run (autocannon's `requests.average` is the
    // mean of per-second samples, which includes non-2xx).
    rps: result['2xx'] / durationS,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    sent: responses + result.errors,
    // Every request autocannon wrote, including the one each connection still had in flight
    // when the duration ended (it closes those sockets without waiting for the answer, but the
    // gateway got the request and serves it): what the ledger must account for.
    requestsWritten: result.requests.sent,
    /** Of those, the ones cut off unanswered when the duration ended. */
    cutAtEnd: Math.max(0, result.requests.sent - (responses + result.errors)),
  };
}

/**
 * Unmeasured load, so every target is measured with a warm JIT and open connections. Returns
 * the run (its request count matters for the ledger check), or undefined when disabled.
 */
export async function warmUp({ target, body, bodies, connections, durationS }) {
  if (durationS <= 0) return undefined;
  return runHttpLoad({ target, body, bodies, connections, durationS });
}
