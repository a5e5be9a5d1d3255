import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Finding } from '../finding';
import { hasContextBefore, lineBefore } from './context-window';
import { includesNanpRegion, isNanpLocal, isWellFormedNanp, nationalPhone } from './national-phone';
import { findPhoneCandidates, type PhoneCandidate } from './phone-candidates';
import { DEFAULT_PHONE_REGIONS } from './phone-regions';

const MIN_DIGITS = 7;
/** E.164 allows 15 digits; a `(0)` trunk digit and a `00` prefix may come on top. */
const MAX_DIGITS = 18;

/** Words people write before their number; a bare digit string needs one to be believed. */
const PHONE_CONTEXT =
  /(?:\b(?:phone|tel|telephone|mobile|mobil|cell|call|fax|whats ?app|sms|text(?:ing)?|contact|reach|ring|dial|hotline|number|joindre|contacter|rappel\w*|erreich\w*|nummer|rufnummer|handy|anruf|numéro|numero|número|portable|appel|llam|móvil|movil)|tél|teléfono|téléphone|telefon)/gi;

/**
 * Stronger labels, for numbers of a possible length only (`0123 4567` after "Number of
 * items" is a count): "number" or "contact" alone is not enough, "call", "phone" or "my
 * number" is.
 */
const STRONG_PHONE_CONTEXT =
  /(?:\b(?:phone|tel|telephone|mobile|cell|call(?:ed|ing)?|fax|whats ?app|sms|text(?:ing)?|reach|ring|dial|hotline|(?:my|your|his|her|our|their|home|work|office|direct|cell) (?:phone )?number)\b|['’]s (?:phone )?number\b|tél|teléfono|téléphone|telefon)/gi;

/** Words that say a number is an identifier rather than a phone. */
const IDENTIFIER_CONTEXT =
  /\b(?:order|invoice|inv|tracking|track|ref|reference|id|transaction|txn|ticket|case|po|sku|serial|account|acct|customer|booking|confirmation|reservation|isbn|issn|ean|upc|batch|lot|build|version|issue|sin|ssn|nino|tax|vat|steuer\w*|pin|passcode|part|item|model|pages?|room|flight|zip|postal|plz|bestell\w*|rechnung\w*|kunden\w*|commande|facture|pedido|factura|auftrag\w*)\b/gi;

/** A date, possibly followed by the hour (`06/01/2025 01:16`), but not `04.68.78.33.63`. */
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}(?=$|[ T]\d)/;
const YEAR_FIRST = /^\d{4}[./-](\d{1,2})[./-](\d{1,2})(?=$|[ T]\d)/;
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Phone numbers, validated with libphonenumber's full ("max") metadata.
 *
 * Candidates come from our own tokenizer rather than `findPhoneNumbersInText`: the library's
 * matcher accepts order numbers (`#4155552671`, `INV-2023-000123`), is quadratic on long runs
 * of spaced digits, and costs about 1.5 ms per KB of text; ours is linear and knows about the
 * other detectors' formats (dates, IPs). The library still decides what is a valid number.
 *
 * Numbers without a country code are read in the national format of each of `regions` in
 * turn (ISO 3166 codes, see phone-regions.ts); international ones in every country's.
 */
export function detectPhones(
  text: string,
  regions: readonly CountryCode[] = DEFAULT_PHONE_REGIONS,
): Finding[] {
  const findings: Finding[] = [];
  for (const candidate of findPhoneCandidates(text)) {
    let first = 0;
    while (first < candidate.groups.length) {
      const found = longestPhoneFrom(text, regions, candidate, first);
      if (found === undefined) break;
      findings.push(found.finding);
      first = found.nextGroup;
    }
  }
  return findings;
}

function longestPhoneFrom(
  text: string,
  regions: readonly CountryCode[],
  candidate: PhoneCandidate,
  first: number,
): { finding: Finding; nextGroup: number } | undefined {
  const start = first === 0 ? candidate.start : candidate.groups[first].start;
  const international = first === 0 ? candidate.international : false;
  let context: PhoneContext | undefined;
  const ends: number[] = [];
  let digits = 0;
  for (let last = first; last < candidate.groups.length; last++) {
    const group = candidate.groups[last];
    const size = group.end - group.start;
    // One-digit groups only occur near the start: country code, `(0)`, area digit (`+33 (0)5 ..`).
    if (size === 1 && last - first > 2) break;
    digits += size;
    if (digits > MAX_DIGITS) break;
    if (digits >= MIN_DIGITS) ends.push(last);
  }
  if (ends.length === 0 || isGluedBefore(text, start)) return undefined;
  for (const last of ends.reverse()) {
    const end = candidate.groups[last].end;
    if (isGluedAfter(text, end)) continue;
    // Cut out of a longer dashed or dotted code (`915-4719227-8331788`): not a phone.
    if (last < candidate.groups.length - 1 && !/^[ \u00A0]/.test(candidate.separators[last])) {
      continue;
    }
    const shape = candidate.groups
      .slice(first, last + 1)
      .map((group) => group.end - group.start)
      .join('-');
    const finding = validate(
      text,
      regions,
      { start, end, shape, international },
      () => (context ??= contextOf(text, start)),
    );
    if (finding !== undefined) return { finding, nextGroup: last + 1 };
  }
  return undefined;
}

interface WrittenNumber {
  start: number;
  end: number;
  /** Digit group sizes joined by dashes (`3-3-4`), whatever the separators were. */
  shape: string;
  international: boolean;
}

function validate(
  text: string,
  regions: readonly CountryCode[],
  { start, end, shape, international }: WrittenNumber,
  contextOf: () => PhoneContext,
): Finding | undefined {
  const written = text.slice(start, end);
  if (isDateLike(written) || DOTTED_QUAD.test(written)) return undefined;
  const bare = /^\+?\d+$/.test(written);
  if (international) {
    // `+33 (0)1 ...`: the trunk zero in parentheses is dropped when dialling internationally.
    const dialled = written.replace(/^\(?00/, '+').replace(/\(0\)/, '');
    const number = parsePhoneNumberFromString(dialled);
    if (number === undefined) return undefined;
    if (number.isValid()) {
      return phone(
        start,
        end,
        0.9,
        `international phone number (${number.country ?? 'non-geographic'})`,
      );
    }
    // `+1-291-555-0123`: the plus says phone; an area code not assigned yet does not say otherwise.
    if (
      number.countryCallingCode === '1' &&
      !bare &&
      isWellFormedNanp(number.nationalNumber, '10')
    ) {
      return phone(start, end, 0.7, 'international North American number (area code unassigned)');
    }
    if (number.isPossible() && contextOf().phoneAt >= 0) {
      return phone(start, end, 0.6, 'possible international phone number next to a phone label');
    }
    return undefined;
  }

  // AAA-GG-SSSS is how US social security numbers are written, never national phone numbers.
  if (shape === '3-2-4' && /^\d{3}-\d{2}-\d{4}$/.test(written)) return undefined;
  const context = contextOf();
  if (context.identifierAt > context.phoneAt) return undefined;
  // Bare digits need a phone label and no identifier label at all ("order number 2125551234").
  if (bare && (context.phoneAt < 0 || context.identifierAt >= 0)) return undefined;
  const digits = written.replace(/\D/g, '');
  const national = nationalPhone(written, digits, shape, regions);
  if (national?.valid === true) {
    const reason = `phone number in ${national.region} national format`;
    return phone(start, end, bare ? 0.75 : 0.85, reason);
  }
  // Possible but not valid (a made-up area code): a phone only where a label says so.
  if (national !== undefined && context.strongPhoneAt > context.identifierAt) {
    const reason = `possible phone number in ${national.region} national format next to a phone label`;
    return phone(start, end, 0.6, reason);
  }
  if (!includesNanpRegion(regions)) return undefined;
  // Grouped like a North American number, but the area code is not assigned (yet); bare
  // digits got here only after a phone label.
  if (isWellFormedNanp(digits, shape)) {
    return phone(start, end, 0.7, 'North American phone number (area code unassigned)');
  }
  // `call me at 555-2671`: a local number without area code, believed only after a phone
  // label, and after a generic one ("number") only with no identifier label ("part number")
  // and some grouping: seven bare digits need a strong label.
  const labelled =
    context.strongPhoneAt > context.identifierAt ||
    (!bare && context.phoneAt >= 0 && context.identifierAt < 0);
  if (isNanpLocal(digits, shape) && labelled) {
    return phone(start, end, 0.7, 'local North American phone number next to a phone label');
  }
  return undefined;
}

function isDateLike(written: string): boolean {
  const dayFirst = DAY_FIRST.exec(written);
  if (dayFirst !== null) return Number(dayFirst[1]) <= 12 || Number(dayFirst[2]) <= 12;
  const yearFirst = YEAR_FIRST.exec(written);
  return yearFirst !== null && Number(yearFirst[1]) <= 12 && Number(yearFirst[2]) <= 31;
}

interface PhoneContext {
  phoneAt: number;
  /** Where the last label strong enough for a number of a possible length only sits. */
  strongPhoneAt: number;
  identifierAt: number;
}

/**
 * Where the last phone label and the last identifier label sit in the 40 characters before the
 * number (-1: none). The closer one wins: "my order was late, call 212-736-5000" is a phone.
 */
function contextOf(text: string, start: number): PhoneContext {
  const window = lineBefore(text, start, 40);
  let identifierAt = -1;
  for (const match of window.matchAll(IDENTIFIER_CONTEXT)) identifierAt = match.index;
  return {
    phoneAt: lastIndexOf(window, PHONE_CONTEXT),
    strongPhoneAt: lastIndexOf(window, STRONG_PHONE_CONTEXT),
    identifierAt,
  };
}

function lastIndexOf(window: string, pattern: RegExp): number {
  let last = -1;
  for (const match of window.matchAll(pattern)) last = match.index;
  return last;
}

/** `INV-2023-000123`, `#4155552671`, `$2125551234`, `v4155552671`: part of something else. */
function isGluedBefore(text: string, start: number): boolean {
  const before = text.charAt(start - 1);
  if (/[\p{L}\p{N}_#$€£¥@&*]/u.test(before)) return true;
  if (/[-./]/.test(before) && /[\p{L}\p{N}]/u.test(text.charAt(start - 2))) return true;
  return hasContextBefore(text, start, /[+*/=^×÷]\s?$/, 3);
}

/** `x123`, ` ext. 12`: an extension follows the number (and is not part of what we report). */
const EXTENSION_AFTER = /^ ?(?:x|ext\.?|extn\.?) ?\d{1,6}(?![\p{L}\p{N}])/iu;

/** `2125551234abc`, `...5000@vtext.com`, `1 234 567,89`, `01:16` and percentages are not phones. */
function isGluedAfter(text: string, end: number): boolean {
  if (EXTENSION_AFTER.test(text.slice(end, end + 14))) return false;
  const after = text.charAt(end);
  if (/[\p{L}\p{N}_@%€$£¥]/u.test(after)) return true;
  return /[.,:]/.test(after) && /\d/.test(text.charAt(end + 1));
}

function phone(start: number, end: number, score: number, reason: string): Finding {
  return { kind: 'phone', start, end, score, reason };
}
