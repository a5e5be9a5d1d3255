import { CommonConfigSchema, envInt, envJson } from '@conduit/config';
import { GuardrailPolicySchema, PhoneRegionsSchema } from '@conduit/contracts';
import { z } from 'zod';

/** A JSON policy in an environment variable, checked with the same schema as the admin API's. */
const PolicyJsonSchema = envJson(GuardrailPolicySchema);

/**
 * A comma-separated list of regions (`US,GB,DE`), or `none` for no national numbers at all (an
 * empty variable counts as unset, so it cannot say "none").
 */
const PhoneRegionsListSchema = z
  .string()
  .default('US,GB,DE,FR,ES')
  .transform((list) =>
    list.trim().toLowerCase() === 'none'
      ? []
      : list
          .split(',')
          .map((code) => code.trim())
          .filter((code) => code.length > 0),
  )
  .pipe(PhoneRegionsSchema);

/** Every environment variable the guardrails service reads. */
export const GuardrailsConfigSchema = CommonConfigSchema.extend({
  /**
   * The default policy, over the built-in one (`{"pii":"block","restore":true}` …); a key's own
   * policy applies over this. See README "Guardrails".
   */
  GUARDRAILS_DEFAULT_POLICY: PolicyJsonSchema,
  /**
   * Regions (ISO 3166-1 alpha-2) whose national phone numbers, written without a country code,
   * the PII scanners recognise; the default for every key's `pii_phone_regions`. Each region
   * added makes more digit strings valid somewhere, so list only where your users write from.
   */
  GUARDRAILS_PHONE_REGIONS: PhoneRegionsListSchema,
  /**
   * How many trailing characters of a streamed answer are held back until more arrives, so a
   * value split across chunks is seen whole before any of it reaches the caller.
   */
  GUARDRAILS_STREAM_HOLD_CHARS: envInt(64).pipe(z.number().int().min(32).max(8192)),
  /** A stream's scanning session is dropped when no window came for this long. */
  GUARDRAILS_SESSION_IDLE_MS: envInt(120_000),
  /** Most scanning sessions one replica keeps; past it, streams are scanned statelessly. */
  GUARDRAILS_MAX_SESSIONS: envInt(10_000),
  /**
   * A chat model (any the llm service serves, e.g. `openai/gpt-4o-mini`) asked for a second
   * opinion on prompts the injection rules were unsure of; off when unset. See README.
   */
  GUARDRAILS_JUDGE_MODEL: z.string().min(1).optional(),
  /** How long an input scan waits for the judge before the rules decide alone. */
  GUARDRAILS_JUDGE_TIMEOUT_MS: envInt(1_500).pipe(z.number().int().min(50).max(30_000)),
  /** Rule scores from here up to the key's threshold go to the judge. */
  GUARDRAILS_JUDGE_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.15),
  /** The judge sees at most this many characters of the prompt's uncertain texts. */
  GUARDRAILS_JUDGE_MAX_CHARS: envInt(8_000).pipe(z.number().int().min(200).max(100_000)),
  /** Serve Prometheus metrics (findings, scan time) on this port at `/metrics`; off when unset. */
  GUARDRAILS_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
});
export type GuardrailsConfig = z.output<typeof GuardrailsConfigSchema>;
