import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls the gateway's /health/ready until it answers 200. That endpoint only says yes when
 * the gateway is connected to NATS, its rate limiter works, *and* the llm and ledger services
 * answer their health checks (the ledger only once its migrations are applied), so one probe
 * covers the whole chain the bench is about to load.
 *
 * Gives up early when a watched service exits (a config error would otherwise look like a
 * 30 s hang) and shows that service's last log lines.
 */
export async function waitUntilReady(url, { services, timeoutMs = 30_000, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    const dead = services.find((service) => service.exit);
    if (dead) {
      throw new Error(
        `${dead.app} exited during startup (${describeExit(dead.exit)}). Its last output:\n${dead.logTail() || '(none)'}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      const body = await response.text();
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}: ${body.slice(0, 300)}`;
    } catch (error) {
      lastProblem =
        error instanceof Error ? (error.cause?.message ?? error.message) : String(error);
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms; last answer: ${lastProblem}`);
}

export function describeExit(exit) {
  if (exit.error) return `failed to start: ${exit.error.message}`;
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}
