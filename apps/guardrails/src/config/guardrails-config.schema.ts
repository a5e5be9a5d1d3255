import { CommonConfigSchema } from '@conduit/config';
import type { z } from 'zod';

/** Every environment variable the guardrails service reads. */
export const GuardrailsConfigSchema = CommonConfigSchema;
export type GuardrailsConfig = z.output<typeof GuardrailsConfigSchema>;
