/**
 * How many chat requests the gateway itself saw, from its Prometheus histogram
 * `conduit_http_request_duration_seconds` (every status; observed when the response ends,
 * also for a client that went away). A second opinion for the accounting check: when the
 * ledger's rows differ from the bench's count, this says which side the difference is on.
 * Undefined when the metric cannot be read. `metricsUrl` is the gateway's metrics port
 * (`GATEWAY_METRICS_PORT`), not its API.
 */
export async function gatewayChatRequests(metricsUrl) {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    let total = 0;
    let seen = false;
    for (const line of (await response.text()).split('\n')) {
      if (!line.startsWith('conduit_http_request_duration_seconds_count{')) continue;
      if (!line.includes('/v1/chat/completions')) continue;
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
      seen = true;
    }
    return seen ? total : undefined;
  } catch {
    return undefined;
  }
}
