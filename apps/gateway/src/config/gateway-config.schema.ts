import { CommonConfigSchema, envInt, envPort } from '@conduit/config';
import { z } from 'zod';

/** Every environment variable the gateway reads. */
export const GatewayConfigSchema = CommonConfigSchema.extend({
  /** HTTP port; GATEWAY_PORT wins over PORT (which platforms like Heroku/Cloud Run set). */
  PORT: envPort(8080),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  /** Largest accepted request body; larger bodies get 413. */
  GATEWAY_MAX_BODY_BYTES: envInt(4 * 1024 * 1024),
  /** How long a non-streaming completion may take end to end. */
  GATEWAY_LLM_TIMEOUT_MS: envInt(300_000),
  /** How long a stream may stay silent (before its first token or between tokens). */
  GATEWAY_STREAM_IDLE_TIMEOUT_MS: envInt(300_000),
  /** How long /health/ready waits for each dependency. */
  GATEWAY_READY_TIMEOUT_MS: envInt(2_000),
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export function listenPortOf(config: GatewayConfig): number {
  return config.GATEWAY_PORT ?? config.PORT;
}
