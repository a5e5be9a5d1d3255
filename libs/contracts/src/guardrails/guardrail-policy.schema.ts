import { z } from 'zod';

/**
 * What a scanner does when it finds something: nothing (`off`), record it and let the text
 * pass (`flag`), replace what it found (`redact`: placeholders for PII and secrets, removal for
 * invisible characters), or refuse the request / end the stream (`block`).
 */
export const GUARDRAIL_MODES = ['off', 'flag', 'redact', 'block'] as const;
export type GuardrailMode = z.infer<typeof GuardrailModeSchema>;
export const GuardrailModeSchema = z.enum(GUARDRAIL_MODES);

/** Scanners that detect rather than locate, so there is nothing to redact. */
const DetectOnlyModeSchema = z.enum(['off', 'flag', 'block']);

/**
 * A guardrail policy as a key (or the service default) states it: every field optional, the
 * missing ones come from the default policy. Public (admin API), so snake_case and strict.
 */
export const GuardrailPolicySchema = z.strictObject({
  prompt_injection: DetectOnlyModeSchema.optional(),
  secrets: GuardrailModeSchema.optional(),
  pii: GuardrailModeSchema.optional(),
  invisible_text: GuardrailModeSchema.optional(),
  output_pii: GuardrailModeSchema.optional(),
  output_secrets: GuardrailModeSchema.optional(),
  system_prompt_leak: DetectOnlyModeSchema.optional(),
  json_schema: DetectOnlyModeSchema.optional(),
  /**
   * Append a canary to the system prompt, so an answer that repeats the prompt is caught even
   * reworded around it. Costs a few input tokens per request, hence off by default.
   */
  canary: z.boolean().optional(),
  /** Put the caller's redacted values back into the answer (placeholders → originals). */
  restore: z.boolean().optional(),
  /** Injection score at or above which the prompt counts as an attack (default 0.5). */
  injection_threshold: z.number().min(0.05).max(1).optional(),
});
export type GuardrailPolicy = z.infer<typeof GuardrailPolicySchema>;
export type ResolvedGuardrailPolicy = Required<GuardrailPolicy>;
