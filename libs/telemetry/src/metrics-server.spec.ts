import type { AddressInfo } from 'node:net';
import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics';
import { startMetricsServer } from './metrics-server';

describe('startMetricsServer', () => {
  it('serves the process registry at /metrics and nothing else', async () => {
    new Counter({
      name: 'conduit_test_metrics_server_total',
      help: 'test',
      registers: [metricsRegistry],
    }).inc(3);
    const server = await startMetricsServer(0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('conduit_test_metrics_server_total 3');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
