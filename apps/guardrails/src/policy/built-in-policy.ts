import type { ResolvedGuardrailPolicy } from '@conduit/contracts';
import { DEFAULT_PHONE_REGIONS } from '../scanners/pii/phone-regions';

/**
 * The policy when nobody configured one: refuse attacks and leaked credentials, keep personal
 * data away from the provider without breaking the request, drop what a reader cannot see,
 * and keep personal data and secrets out of answers. Leaks of the system prompt and broken
 * JSON are recorded, not refused, because a false alarm there would break working apps; the
 * canary, which costs tokens on every request, is opt-in. National phone numbers are read in
 * the formats of the regions most of our users write from.
 */
export const BUILT_IN_POLICY: ResolvedGuardrailPolicy = {
  prompt_injection: 'block',
  secrets: 'block',
  pii: 'redact',
  invisible_text: 'redact',
  output_pii: 'redact',
  output_secrets: 'redact',
  system_prompt_leak: 'flag',
  json_schema: 'flag',
  canary: false,
  restore: false,
  injection_threshold: 0.5,
  pii_phone_regions: [...DEFAULT_PHONE_REGIONS],
};
