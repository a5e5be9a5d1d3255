import { metricsRegistry } from '@conduit/telemetry';
import { Histogram } from 'prom-client';

/**
 * One NATS request/reply hop as its caller saw it: from the request sent to the reply decoded.
 * `subject` is the contract's subject without the environment prefix (a fixed set), `outcome`
 * is `ok`, `error` (the service answered with an error) or `failed` (no answer: timeout, no
 * responder, bus down, replica lost). No key, user or request ids.
 */
const requestSeconds = new Histogram({
  name: 'conduit_nats_request_duration_seconds',
  help: 'NATS request/reply hop latency as the caller saw it, by subject (without the environment prefix) and outcome (ok, error, failed)',
  labelNames: ['subject', 'outcome'],
  buckets: [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120,
  ],
  registers: [metricsRegistry],
});

export type HopOutcome = 'ok' | 'error' | 'failed';

/** Records one hop that began at `startedAt` (`performance.now()`). */
export function recordHop(subject: string, outcome: HopOutcome, startedAt: number): void {
  requestSeconds.observe({ subject, outcome }, (performance.now() - startedAt) / 1000);
}

/**
 * One request as the service that handled it saw it: from the message received to the reply
 * ready — each service's own latency, traffic and errors (with `process_*` and the event-loop
 * lag gauges from the default metrics, its four golden signals). `subject` as above; `outcome`
 * is `ok` or the error type it answered with (a fixed set).
 */
const handledSeconds = new Histogram({
  name: 'conduit_nats_handler_duration_seconds',
  help: 'Time a service took to handle one NATS request, by subject (without the environment prefix) and outcome (ok or the error type)',
  labelNames: ['subject', 'outcome'],
  buckets: [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    30, 120,
  ],
  registers: [metricsRegistry],
});

/** Records one handled request that began at `startedAt` (`performance.now()`). */
export function recordHandled(subject: string, outcome: string, startedAt: number): void {
  handledSeconds.observe({ subject, outcome }, (performance.now() - startedAt) / 1000);
}
