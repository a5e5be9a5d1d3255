import { z } from 'zod';

/**
 * What a scanner does when it finds something: nothing (`off`), record it and let the text
 * pass (`flag`), replace what it found (`redact`: placeholders for PII and secrets, removal for
 * invisible characters), or refuse the request / end the stream (`block`).
 */
export const GUARDRAIL_MODES = ['off', 'flag', 'redact', 'block'] as const;
export type GuardrailMode = z.infer<typeof GuardrailModeSchema>;
export const GuardrailModeSchema = z.enum(GUARDRAIL_MODES);

/**
 * The 249 officially assigned ISO 3166-1 alpha-2 codes. Written out rather than taken from
 * libphonenumber: the contracts stay free of it, and its list has non-ISO codes (AC, TA, XK)
 * and lacks uninhabited ones. Codes without a phone numbering plan (AQ, BV...) are valid here
 * and simply match nothing.
 */
const ISO_3166_ALPHA2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
    'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
    'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** A region whose national phone format the PII scanner reads: `US`, `gb` (upper-cased). */
export const PhoneRegionSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => ISO_3166_ALPHA2.has(code), {
    error: 'must be an ISO 3166-1 alpha-2 country code such as US, GB or DE',
  });

/** Most regions one list may name: each one costs scan time and adds false positives. */
export const MAX_PHONE_REGIONS = 20;
export const PhoneRegionsSchema = z.array(PhoneRegionSchema).max(MAX_PHONE_REGIONS);

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
  /**
   * Regions (ISO 3166-1 alpha-2, in order of preference) whose national phone numbers, written
   * without a country code (`020 7946 0958`, `555-2671`), count as PII; international numbers
   * (`+44 ...`) count whatever the list. Default `GUARDRAILS_PHONE_REGIONS` (US, GB, DE, FR,
   * ES); `[]` turns national numbers off.
   */
  pii_phone_regions: PhoneRegionsSchema.optional(),
});
export type GuardrailPolicy = z.infer<typeof GuardrailPolicySchema>;
export type ResolvedGuardrailPolicy = Required<GuardrailPolicy>;
