import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit } from './readiness.mjs';

/**
 * Polls `<prefix>.<app>.v1.health.check` over NATS until every app answers `up`. The
 * gateway's /health/ready only asks llm and ledger (what chat needs), so for the embedding
 * and retrieval services the bench asks them itself. Gives up early, with the log tail, when
 * a watched process exits.
 */
export async function waitForHealthy({ connection, subjectPrefix, services, timeoutMs = 90_000 }) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const deadline = Date.now() + timeoutMs;
  const pending = new Map(services.map((service) => [service.app, service]));
  const last = new Map();
  while (pending.size > 0) {
    for (const [app, service] of pending) {
      if (service.exit) {
        throw new Error(
          `${app} exited during startup (${describeExit(service.exit)}). Its last output:\n${service.logTail() || '(none)'}`,
        );
      }
      try {
        const reply = await connection.request(
          `${subjectPrefix}.${app}.v1.health.check`,
          encoder.encode('{}'),
          { timeout: 2000 },
        );
        const envelope = JSON.parse(decoder.decode(reply.data));
        if (envelope.ok && envelope.data?.status === 'up') pending.delete(app);
        else last.set(app, JSON.stringify(envelope).slice(0, 300));
      } catch (error) {
        last.set(app, error instanceof Error ? error.message : String(error));
      }
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      const waiting = [...pending.keys()].map((app) => `${app}: ${last.get(app) ?? 'no answer'}`);
      throw new Error(`not healthy after ${timeoutMs} ms — ${waiting.join('; ')}`);
    }
    await sleep(200);
  }
}
