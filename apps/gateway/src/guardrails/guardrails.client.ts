import {
  DomainError,
  ServiceUnavailableError,
  Subjects,
  type InputScanRequest,
  type InputScanResult,
  type OutputScanRequest,
  type OutputScanResult,
  type OutputSessionScanRequest,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger, metricsRegistry, WarnThrottle } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { inputScanChars, outputScanChars, scanTimeoutMs } from './scan-timeout';

const unscanned = new Counter({
  name: 'conduit_guardrails_unscanned_total',
  help: 'Scans skipped because the guardrails service was unreachable and GATEWAY_GUARDRAILS_FAILURE_MODE=open',
  labelNames: ['direction'],
  registers: [metricsRegistry],
});

/** Errors that mean "the guardrails service did not answer", as opposed to "it said no". */
const UNREACHABLE: ReadonlySet<string> = new Set(['service_unavailable', 'timeout']);

/**
 * Scans through the guardrails service, each bounded by GATEWAY_GUARDRAILS_TIMEOUT_MS plus
 * GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS for each KB of text. When the
 * service cannot be reached it fails closed (503, nothing reaches the model) unless the
 * deployment chose `open`; then it answers null and the caller goes on unscanned.
 */
@Injectable()
export class GuardrailsClient {
  private readonly logger = createLogger('gateway');
  private readonly warnings = new WarnThrottle(10_000);

  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get enabled(): boolean {
    return this.config.GATEWAY_GUARDRAILS === 'enabled';
  }

  scanInput(request: InputScanRequest): Promise<InputScanResult | null> {
    return this.call('input', () =>
      this.messaging.request(Subjects.guardrailsInputScan, request, {
        timeoutMs: this.timeoutFor(inputScanChars(request)),
      }),
    );
  }

  scanOutput(request: OutputScanRequest): Promise<OutputScanResult | null> {
    return this.call('output', () =>
      this.messaging.request(Subjects.guardrailsOutputScan, request, {
        timeoutMs: this.timeoutFor(outputScanChars(request)),
      }),
    );
  }

  /**
   * A later window of a stream to the replica keeping its scanning session. Not subject to the
   * failure mode: any failure means the session is gone, and the caller starts over with a
   * stateless `scanOutput` of everything it holds (which then applies the failure mode).
   */
  scanOutputInSession(
    replica: string,
    request: OutputSessionScanRequest,
  ): Promise<OutputScanResult> {
    return this.messaging.request(Subjects.guardrailsOutputSessionScan, request, {
      replica,
      timeoutMs: this.timeoutFor(request.text.length),
    });
  }

  private timeoutFor(chars: number): number {
    return scanTimeoutMs(
      this.config.GATEWAY_GUARDRAILS_TIMEOUT_MS,
      this.config.GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS,
      chars,
    );
  }

  private async call<T>(direction: 'input' | 'output', scan: () => Promise<T>): Promise<T | null> {
    try {
      return await scan();
    } catch (error) {
      if (!(error instanceof DomainError) || !UNREACHABLE.has(error.type)) throw error;
      // NATS itself is down: say so (nothing else would work either, open or closed).
      if (error.code === 'bus_unavailable') throw error;
      if (this.config.GATEWAY_GUARDRAILS_FAILURE_MODE === 'open') {
        unscanned.inc({ direction });
        const suppressed = this.warnings.take();
        if (suppressed !== null) {
          this.logger.warn(
            { err: error.message, suppressed },
            'guardrails unreachable; letting traffic through unscanned (GATEWAY_GUARDRAILS_FAILURE_MODE=open)',
          );
        }
        return null;
      }
      throw new ServiceUnavailableError(
        'The guardrails service is unavailable, so the request was not sent to the model. Retry shortly.',
        { code: 'guardrails_unavailable', cause: error },
      );
    }
  }
}
