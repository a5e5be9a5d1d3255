import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per process; `/metrics` on the gateway serves it. */
export const metricsRegistry = new Registry();
let defaultsCollected = false;

export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
}
