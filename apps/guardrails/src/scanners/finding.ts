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
