import type { GuardrailPolicy } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import { createLogger, metricsRegistry, WarnThrottle } from '@conduit/telemetry';
import { Counter } from 'prom-client';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { scanTimeoutMs } from '../guardrails/scan-timeout';
import { RedactBatcher, type RedactBatchLimits } from './redact-batcher';
import { MAX_REDACTED_CHARS, redactForLog } from './request-log.redactor';
import { requestLogTexts } from './request-log-texts';

/** Longest request body kept in a request log. */
export const MAX_LOGGED_REQUEST_CHARS = 65_536;

/**
 * First property of a logged request body redacted by the gateway's own patterns because the
 * guardrails service did not answer: those patterns miss values the guardrails find (phone
 * numbers in brackets, unspaced IBANs, most token formats), so such a log may hold some. The
 * caller cannot send it (request bodies are strict), and it comes first so a log cut at its
 * length limit still shows it: `WHERE request LIKE '{"conduit_redaction":"gateway_fallback"%'`.
 */
export const FALLBACK_MARK = '"conduit_redaction":"gateway_fallback"';

export type LogRedactor = 'guardrails' | 'gateway_fallback' | 'gateway';

const redactions = new Counter({
  name: 'conduit_request_log_redactions_total',
  help: 'Request logs redacted, by redactor: guardrails, gateway (guardrails disabled), gateway_fallback (guardrails did not answer)',
  labelNames: ['redactor'],
  registers: [metricsRegistry],
});

export interface RedactedRequestLog {
  /** The request body as JSON text, redacted, cut to MAX_LOGGED_REQUEST_CHARS. */
  request: string;
  response: string | null;
  redactedBy: LogRedactor;
}

/**
 * Redacts a request's log with the guardrails service's PII and secrets detectors
 * (`guardrails.v1.redact`, the logs of a few milliseconds in one call: `RedactBatcher`). Runs
 * after the response has gone, and only for requests that are logged, so neither the hot path
 * nor the caller waits for it. When the guardrails are
 * disabled the gateway's own patterns redact; when they do not answer in time, those patterns
 * redact too and the log is marked (`FALLBACK_MARK`): a log is never lost to an outage.
 */
export class RequestLogRedaction {
  private readonly logger = createLogger('gateway');
  private readonly warnings = new WarnThrottle(10_000);
  private readonly batcher: RedactBatcher;

  constructor(
    messaging: Pick<MessagingClient, 'request'>,
    private readonly config: Pick<
      GatewayConfig,
      | 'GATEWAY_GUARDRAILS'
      | 'GATEWAY_GUARDRAILS_TIMEOUT_MS'
      | 'GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS'
    >,
    batchLimits?: RedactBatchLimits,
  ) {
    this.batcher = new RedactBatcher(
      messaging,
      (chars) =>
        scanTimeoutMs(
          config.GATEWAY_GUARDRAILS_TIMEOUT_MS,
          config.GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS,
          chars,
        ),
      batchLimits,
    );
  }

  /**
   * Never throws. `policy` is the key's guardrail policy: the guardrails read its phone regions
   * (what a phone number is), not its modes — a log is redacted whatever the key lets through.
   */
  async redact(
    requestId: string,
    policy: GuardrailPolicy | null,
    body: unknown,
    responseText: string | null,
  ): Promise<RedactedRequestLog> {
    if (this.config.GATEWAY_GUARDRAILS !== 'enabled') {
      return this.counted({ ...withPatterns(body, responseText), redactedBy: 'gateway' });
    }
    try {
      return this.counted(await this.withGuardrails(requestId, policy, body, responseText));
    } catch (error) {
      const suppressed = this.warnings.take();
      if (suppressed !== null) {
        this.logger.warn(
          { request_id: requestId, err: describe(error), suppressed },
          'guardrails did not redact a request log; redacted with the gateway patterns and marked',
        );
      }
      const fallback = withPatterns(body, responseText);
      return this.counted({
        request: `{${FALLBACK_MARK},${fallback.request.slice(1)}`,
        response: fallback.response,
        redactedBy: 'gateway_fallback',
      });
    }
  }

  private async withGuardrails(
    requestId: string,
    policy: GuardrailPolicy | null,
    body: unknown,
    responseText: string | null,
  ): Promise<RedactedRequestLog> {
    const parts = requestLogTexts(body, MAX_LOGGED_REQUEST_CHARS);
    const texts =
      responseText === null
        ? parts.texts
        : [...parts.texts, responseText.slice(0, MAX_REDACTED_CHARS)];
    const redacted = await this.batcher.redact(requestId, policy, texts);
    return {
      request: JSON.stringify(parts.rebuild(redacted)).slice(0, MAX_LOGGED_REQUEST_CHARS),
      response: responseText === null ? null : (redacted.at(-1) ?? null),
      redactedBy: 'guardrails',
    };
  }

  private counted(log: RedactedRequestLog): RedactedRequestLog {
    redactions.inc({ redactor: log.redactedBy });
    return log;
  }
}

function withPatterns(
  body: unknown,
  responseText: string | null,
): Pick<RedactedRequestLog, 'request' | 'response'> {
  return {
    request: redactForLog(JSON.stringify(body)).slice(0, MAX_LOGGED_REQUEST_CHARS),
    response: responseText === null ? null : redactForLog(responseText),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
