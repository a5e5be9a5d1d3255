import type { GuardrailFinding } from '@conduit/contracts';
import { metricsRegistry } from '@conduit/telemetry';
import { Counter, Histogram } from 'prom-client';

export type ScanDirection = 'input' | 'output';

const findings = new Counter({
  name: 'conduit_guardrails_findings_total',
  help: 'Guardrail findings by scanner and what was done (flagged, redacted, blocked)',
  labelNames: ['direction', 'scanner', 'action'],
  registers: [metricsRegistry],
});

const scanSeconds = new Histogram({
  name: 'conduit_guardrails_scan_duration_seconds',
  help: 'Time to scan one request (input) or one answer window (output)',
  labelNames: ['direction'],
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  registers: [metricsRegistry],
});

/** Counts a scan's findings and its duration. */
export function recordScan(
  direction: ScanDirection,
  found: readonly GuardrailFinding[],
  startedAt: number,
): void {
  for (const finding of found) {
    findings.inc({ direction, scanner: finding.scanner, action: finding.action });
  }
  scanSeconds.observe({ direction }, (performance.now() - startedAt) / 1000);
}
