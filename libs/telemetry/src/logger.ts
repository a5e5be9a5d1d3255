import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

/**
 * Paths never logged: credentials and message content (prompts and answers are customer
 * data; request logs with redaction belong to the ledger, not to stdout).
 */
export const REDACTED_LOG_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  '*.apiKey',
  '*.api_key',
  'messages',
  '*.messages',
  'content',
  '*.content',
  'request.messages',
  '*.request.messages',
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    // Every line carries the active trace, so logs and traces join up in Jaeger/Grafana.
    mixin() {
      const spanContext = trace.getActiveSpan()?.spanContext();
      return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
    },
  });
}

export type { Logger };
