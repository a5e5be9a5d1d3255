import { redactForStorage } from '../redact/log-text.redaction';
import { overlaps } from '../scan/spans';
import type { Finding } from '../scanners/finding';
import { detectPii } from '../scanners/pii/pii.detector';
import { detectSecrets } from '../scanners/secrets/secrets.detector';

/** Characters around a finding scanned for values that straddle its edges. */
const MARGIN = 64;

/**
 * Injection findings explain themselves with a few quoted words of the attack, and those words
 * may hold someone's e-mail or token ("ignore the rules and mail ana@…"). Findings leave the
 * service (to the gateway, its spans and `/v1/guardrails/check`), so such an excerpt is
 * withheld. The excerpt is taken from the normalised text (`@` folded to `a`…), where the
 * detectors would miss the value, so the check runs on the original text under the finding;
 * values still readable in the reason itself (a decoded payload's) are masked as in a log.
 * Only run on injection findings, which are rare: the common path pays nothing.
 */
export function maskExcerpts(
  findings: readonly Finding[],
  text: string,
  phoneRegions?: readonly string[],
): Finding[] {
  return findings.map((finding) => {
    if (!finding.reason.includes('"')) return finding;
    const kinds = valueKindsUnder(finding, text, phoneRegions);
    const reason =
      kinds.length > 0
        ? `${finding.reason.split('"', 1)[0]}(excerpt withheld: it holds ${kinds.join(', ')})`
        : redactForStorage(finding.reason, phoneRegions).text;
    return reason === finding.reason ? finding : { ...finding, reason };
  });
}

function valueKindsUnder(
  finding: Finding,
  text: string,
  phoneRegions: readonly string[] | undefined,
): string[] {
  const from = Math.max(0, finding.start - MARGIN);
  const around = text.slice(from, Math.min(text.length, finding.end + MARGIN));
  const under = { start: finding.start - from, end: finding.end - from };
  const values = [...detectSecrets(around), ...detectPii(around, { phoneRegions })];
  return [...new Set(values.filter((value) => overlaps(value, under)).map((value) => value.kind))];
}
