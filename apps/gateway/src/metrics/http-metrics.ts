import { metricsRegistry } from '@conduit/telemetry';
import { Histogram } from 'prom-client';

export const httpRequestDuration = new Histogram({
  name: 'conduit_http_request_duration_seconds',
  help: 'Gateway HTTP request duration by route and status (streams: until the last byte).',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [metricsRegistry],
});
