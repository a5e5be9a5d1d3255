import { metricsRegistry } from '@conduit/telemetry';
import { Counter } from 'prom-client';

export const rateLimitRefusals = new Counter({
  name: 'conduit_rate_limit_refusals_total',
  help: 'Requests refused with 429 rate_limit_exceeded, by the limit that was reached.',
  labelNames: ['limit_type'] as const,
  registers: [metricsRegistry],
});

export const rateLimiterUnavailable = new Counter({
  name: 'conduit_rate_limiter_unavailable_total',
  help: 'Admissions the rate limiter could not decide because Redis failed, by failure mode (closed: refused with 503, open: let through unlimited).',
  labelNames: ['failure_mode'] as const,
  registers: [metricsRegistry],
});
