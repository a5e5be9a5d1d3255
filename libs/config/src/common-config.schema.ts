import { z } from 'zod';
import { envUrl } from './env-types';

/** Variables every Conduit service reads. */
export const CommonConfigSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Prefixed to every subject, so several environments (or test runs) can share one NATS. */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: envUrl().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
});
export type CommonConfig = z.output<typeof CommonConfigSchema>;
