/** The scanners a policy can switch; the names are public (policies, errors, metrics, usage). */
export const SCANNER_NAMES = [
  'prompt_injection',
  'secrets',
  'pii',
  'invisible_text',
  'output_pii',
  'output_secrets',
  'system_prompt_leak',
  'json_schema',
] as const;
export type ScannerName = (typeof SCANNER_NAMES)[number];

/**
 * One thing a scanner found. Offsets are UTF-16 code-unit offsets into the text as it was
 * given to the detector; `reason` explains the finding and never contains the matched value,
 * because findings travel into errors, logs and usage records.
 */
export interface Finding {
  /** What was found, e.g. `email`, `credit_card`, `aws_access_key`, `instruction_override`. */
  kind: string;
  start: number;
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  reason: string;
}
