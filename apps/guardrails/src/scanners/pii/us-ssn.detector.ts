import type { Finding } from '../finding';
import { hasContextBefore } from './context-window';

/**
 * AAA-GG-SSSS with one consistent separator (dash or space) or none. The look-arounds keep it
 * from matching inside longer digit sequences such as phone numbers or account numbers.
 */
const SSN = /(?<!\d[ -]?)(\d{3})([ -]?)(\d{2})\2(\d{4})(?![ -]?\d)/g;

/** Labels people put next to an SSN; bare nine-digit numbers are too ambiguous without one. */
const SSN_CONTEXT =
  /\b(?:ssn|ss#|ssa|social[\s-]+security|soc\.?\s*sec\.?|taxpayer\s+id|tin|itin)\b/i;

/**
 * US social security numbers. The structural rules are the SSA's: area 000, 666 and 900-999,
 * group 00 and serial 0000 are never issued. Dashed numbers are distinctive enough alone;
 * space-separated ones are believed a little less, and nine bare digits only next to a label.
 */
export function detectUsSsns(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(SSN)) {
    const [value, area, separator, group, serial] = match;
    if (!isStructurallyValid(area, group, serial)) continue;
    const start = match.index;
    const labelled = hasContextBefore(text, start, SSN_CONTEXT, 60);
    if (separator === '' && !labelled) continue;
    if (
      /[\p{L}_]/u.test(text.charAt(start - 1)) ||
      /[\p{L}_]/u.test(text.charAt(start + value.length))
    ) {
      continue;
    }
    const base = separator === '-' ? 0.85 : separator === ' ' ? 0.7 : 0.8;
    findings.push({
      kind: 'us_ssn',
      start,
      end: start + value.length,
      score: labelled ? Math.max(base, 0.92) : base,
      reason: labelled
        ? 'US social security number next to an SSN label'
        : `US social security number (AAA${separator || ''}GG${separator || ''}SSSS format)`,
    });
  }
  return findings;
}

function isStructurallyValid(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) return false;
  return group !== '00' && serial !== '0000';
}
