import type { Finding } from '../finding';
import { isIbanChecksumValid } from './iban-checksum';
import { IBAN_LENGTHS } from './iban-lengths';

/** Where an IBAN can start: a country code and two check digits at a word start. */
const IBAN_START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}/gu;

/**
 * IBANs in compact (`DE89370400440532013000`) or grouped (`DE89 3704 0044 0532 0130 00`) form:
 * a known country, exactly that country's length, and a valid mod-97 checksum. Lower case is
 * accepted because people retype IBANs carelessly; the checksum keeps that safe.
 */
export function detectIbans(text: string): Finding[] {
  const findings: Finding[] = [];
  IBAN_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = IBAN_START.exec(text)) !== null) {
    const start = match.index;
    const country = match[0].slice(0, 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) {
      IBAN_START.lastIndex = start + 1;
      continue;
    }
    const end = collect(text, start, length);
    if (end === undefined) {
      IBAN_START.lastIndex = start + 1;
      continue;
    }
    const compact = text
      .slice(start, end)
      .replace(/[ \u00A0]/g, '')
      .toUpperCase();
    const check = Number(compact.slice(2, 4));
    if (check < 2 || check > 98 || !isIbanChecksumValid(compact)) {
      IBAN_START.lastIndex = start + 1;
      continue;
    }
    findings.push({
      kind: 'iban',
      start,
      end,
      score: 0.97,
      reason: `IBAN (${country}, ${length} characters, valid mod-97 checksum)`,
    });
    IBAN_START.lastIndex = end;
  }
  return findings;
}

/**
 * The end offset after exactly `length` alphanumerics from `start`, allowing single spaces
 * between them; undefined when the text runs out or the last one is glued to more letters
 * or digits (then it is a longer token, not this IBAN).
 */
function collect(text: string, start: number, length: number): number | undefined {
  let count = 0;
  let i = start;
  while (count < length) {
    if (i >= text.length) return undefined;
    const char = text.charAt(i);
    if (isAlphanumeric(char)) {
      count++;
      i++;
    } else if (
      (char === ' ' || char === '\u00A0') &&
      count >= 4 &&
      isAlphanumeric(text.charAt(i + 1))
    ) {
      i++;
    } else {
      return undefined;
    }
  }
  return isAlphanumeric(text.charAt(i)) ? undefined : i;
}

function isAlphanumeric(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}
