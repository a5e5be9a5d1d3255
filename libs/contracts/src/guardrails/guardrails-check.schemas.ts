import { z } from 'zod';
import { GuardrailBlockSchema, GuardrailFindingSchema } from './guardrail-scan.schemas';
import { GuardrailPolicySchema } from './guardrail-policy.schema';

/**
 * `POST /v1/guardrails/check`: scan a text as a prompt (`input`, the default) or as a model's
 * answer (`output`) under a policy (the caller key's policy when omitted).
 */
export const GuardrailsCheckRequestSchema = z.strictObject({
  text: z.string().max(1_048_576),
  direction: z.enum(['input', 'output']).default('input'),
  policy: GuardrailPolicySchema.optional(),
  /** For output checks: the system prompt whose leak to look for. */
  system_prompt: z.string().optional(),
});
export type GuardrailsCheckRequest = z.infer<typeof GuardrailsCheckRequestSchema>;

export const GuardrailsCheckResultSchema = z.object({
  object: z.literal('guardrails.check'),
  /** `blocked` when a scanner in block mode found something, else `allowed`. */
  verdict: z.enum(['allowed', 'blocked']),
  blocked: GuardrailBlockSchema.nullable(),
  /** The text as it would travel on: redacted and stripped where the policy says so. */
  text: z.string(),
  findings: z.array(GuardrailFindingSchema),
});
export type GuardrailsCheckResult = z.infer<typeof GuardrailsCheckResultSchema>;
