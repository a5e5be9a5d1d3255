import http from 'node:http';
import { summarize } from './stats.mjs';

const TIMEOUT_MS = 60_000;
const MAX_ERRORS_KEPT = 5;

/**
 * JSON POSTs to the gateway over plain `node:http` with keep-alive sockets: cheaper on the
 * client than `fetch` (the bench shares two cores with every service it measures) and timed
 * with `performance.now()` rather than autocannon's whole milliseconds. Every request may
 * carry a body of its own, which autocannon makes awkward.
 */
export function jsonClient({ baseUrl, apiKey, sockets }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  const post = (path, body) =>
    new Promise((resolve) => {
      const payload = Buffer.from(JSON.stringify(body));
      const request = http.request(
        {
          agent,
          hostname,
          port,
          path,
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'content-length': payload.length,
          },
          timeout: TIMEOUT_MS,
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: response.statusCode, json, text });
          });
          response.on('error', (error) => resolve({ status: 0, error: error.message }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      request.on('error', (error) => resolve({ status: 0, error: error.message }));
      request.end(payload);
    });
  return { post, close: () => agent.destroy() };
}

/** What a failed response says, short enough for a report line. */
export function describeFailure(response, why) {
  if (response.status === 0) return `socket: ${response.error}`;
  if (response.status !== 200) {
    const error = response.json?.error;
    return `HTTP ${response.status}${error ? ` ${error.type ?? ''}: ${error.message ?? ''}` : `: ${response.text.slice(0, 200)}`}`;
  }
  return why;
}

/**
 * A closed loop: `workers` clients, each sending its next request as soon as the last one is
 * answered, either for `durationS` seconds (requests in flight at the end are waited for and
 * counted) or until `count` requests are sent. `send(i)` resolves to `undefined` when the
 * response was right, else a description of what was wrong.
 */
export async function closedLoop({ workers, durationS, count, send }) {
  const latencies = [];
  const errors = [];
  let failed = 0;
  let next = 0;
  const began = performance.now();
  const deadline = durationS === undefined ? Infinity : began + durationS * 1000;
  const more = () => (count === undefined ? performance.now() < deadline : next < count);
  const worker = async () => {
    while (more()) {
      const index = next++;
      const startedAt = performance.now();
      let problem;
      try {
        problem = await send(index);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem === undefined) latencies.push(performance.now() - startedAt);
      else {
        failed++;
        if (errors.length < MAX_ERRORS_KEPT) errors.push(problem);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsedS = (performance.now() - began) / 1000;
  return {
    workers,
    elapsedS,
    sent: next,
    ok: latencies.length,
    failed,
    errors,
    perSecond: latencies.length / elapsedS,
    ...summarize(latencies),
  };
}
