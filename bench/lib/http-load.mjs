import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * One fixed-duration, fixed-concurrency autocannon run of non-streaming POSTs.
 *
 * autocannon only records latencies of 2xx responses, in whole milliseconds (its HDR
 * histogram's lowest discernible value is 1 ms); failures are reported separately.
 */
export async function runHttpLoad({ target, body, connections, durationS }) {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body,
    connections,
    duration: durationS,
    // The responses of this bench are tiny; a stuck request is a failure, not a data point.
    timeout: 10,
  });
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    label: target.label,
    durationS,
    connections,
    // Completed 2xx per second over the whole run (autocannon's `requests.average` is the
    // mean of per-second samples, which includes non-2xx).
    rps: result['2xx'] / durationS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
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
export async function warmUp({ target, body, connections, durationS }) {
  if (durationS <= 0) return undefined;
  return runHttpLoad({ target, body, connections, durationS });
}
