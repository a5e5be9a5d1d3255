import { CommonConfigSchema, envInt } from '@conduit/config';
import { GuardrailPolicySchema } from '@conduit/contracts';
import { z } from 'zod';

/** A JSON policy in an environment variable, checked with the same schema as the admin API's. */
const PolicyJsonSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
    const policy = GuardrailPolicySchema.safeParse(parsed);
    if (!policy.success) {
      ctx.addIssue({
        code: 'custom',
        message: policy.error.issues
          .map((issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`)
          .join('; '),
      });
      return z.NEVER;
    }
    return policy.data;
  });

/** Every environment variable the guardrails service reads. */
export const GuardrailsConfigSchema = CommonConfigSchema.extend({
  /**
   * The default policy, over the built-in one (`{"pii":"block","restore":true}` …); a key's own
   * policy applies over this. See README "Guardrails".
   */
  GUARDRAILS_DEFAULT_POLICY: PolicyJsonSchema,
  /**
   * How many trailing characters of a streamed answer are held back until more arrives, so a
   * value split across chunks is seen whole before any of it reaches the caller.
   */
  GUARDRAILS_STREAM_HOLD_CHARS: envInt(64).pipe(z.number().int().min(32).max(8192)),
  /** Serve Prometheus metrics (findings, scan time) on this port at `/metrics`; off when unset. */
  GUARDRAILS_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
});
export type GuardrailsConfig = z.output<typeof GuardrailsConfigSchema>;
