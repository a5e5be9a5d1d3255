import { z } from 'zod';
import { GuardrailPolicySchema } from './guardrail-policy.schema';

/**
 * `guardrails.v1.redact`: texts to keep (a request log's prompt and answer), with every PII
 * value and secret the guardrails' detectors find replaced by `[REDACTED_<KIND>]`. Independent
 * of any key's policy: what is stored is always redacted, whatever the key lets through to
 * the model. The gateway sends it after the response, and only for requests it will log.
 */
export const RedactRequestSchema = z.object({
  requestId: z.string().min(1),
  /**
   * The key's policy (null: the deployment's), for what counts as a value only — the phone
   * regions whose national numbers are phone numbers. Its modes do not apply: every kind found
   * is redacted. Optional, so a gateway that sends none is still understood.
   */
  policy: GuardrailPolicySchema.nullable().optional(),
  texts: z.array(z.string()),
});
export type RedactRequest = z.infer<typeof RedactRequestSchema>;

export const RedactResultSchema = z.object({
  /** The texts in the order given, redacted (invisible characters stripped too). */
  texts: z.array(z.string()),
  /** The kinds of value replaced, each once (e.g. `email`, `github_token`); never a value. */
  kinds: z.array(z.string()),
});
export type RedactResult = z.infer<typeof RedactResultSchema>;
