import { appendAll } from '../../scan/append-all';
import type { Finding } from '../finding';
import { cardBrand } from './card-brand';
import { hasCardContext, hasIdentifierContext } from './card-context';
import { hasContextBefore } from './context-window';
import { isGs1CheckValid } from './gs1-checksum';
import { isLuhnValid } from './luhn';

/** Runs of digit groups joined by one space, dash or no-break space; linear (no ambiguity). */
const DIGIT_RUN = /\d+(?:[ \-\u00A0]\d+)*/g;
const MIN_DIGITS = 12;
const MAX_DIGITS = 19;

interface Group {
  start: number;
  end: number;
}

/**
 * Payment card numbers: 12-19 digits and Luhn-valid, with either a real network prefix and
 * length, or a card word nearby (private-label, fleet and new-network cards have no prefix we
 * know). The digits may be grouped by spaces or dashes in any way (people type
 * `4111 1111 1111 1111`, `4111-1111-1111-1111`, or paste `41111111 11111111`).
 */
export function detectCreditCards(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const runStart = match.index;
    const runEnd = runStart + match[0].length;
    if (match[0].length < MIN_DIGITS || isInsideLargerToken(text, runStart, runEnd)) continue;
    const groups = splitGroups(match[0], runStart);
    appendAll(findings, cardsInRun(text, groups));
  }
  return findings;
}

function cardsInRun(text: string, groups: readonly Group[]): Finding[] {
  const findings: Finding[] = [];
  let first = 0;
  let cardEnded = 0;
  while (first < groups.length) {
    const found = longestCardFrom(text, groups, first, first === cardEnded);
    if (found === undefined) {
      first++;
      continue;
    }
    findings.push(found.finding);
    first = cardEnded = found.nextGroup;
  }
  return findings;
}

function longestCardFrom(
  text: string,
  groups: readonly Group[],
  first: number,
  startsRun: boolean,
): { finding: Finding; nextGroup: number } | undefined {
  const whole = first === 0;
  let digits = '';
  const candidates: { last: number; digits: string }[] = [];
  for (let last = first; last < groups.length; last++) {
    const group = groups[last];
    // One-digit groups are lists of small numbers, not cards; stopping here also keeps
    // pathological inputs (`1 2 3 4 ...`) linear.
    if (group.end - group.start < 2 && last < groups.length - 1) break;
    digits += text.slice(group.start, group.end);
    if (digits.length > MAX_DIGITS) break;
    if (digits.length >= MIN_DIGITS) candidates.push({ last, digits });
  }
  for (const candidate of candidates.reverse()) {
    const isWholeRun = whole && candidate.last === groups.length - 1;
    const isOneGroup = candidate.last === first;
    // A card cut out of a longer digit sequence is only believable when typed the standard way
    // and not preceded by more groups: `9401 5470 8946 3605 6513 79` is a parcel number.
    if (!isWholeRun && !isOneGroup) {
      if (!startsRun || !hasStandardGrouping(groups, first, candidate.last)) continue;
    }
    // However irregular the grouping, people start with the four-digit issuer prefix; order
    // numbers such as `394-3634666-0753905` do not.
    if (candidate.last > first && groups[first].end - groups[first].start < 4) continue;
    if (!isLuhnValid(candidate.digits)) continue;
    const start = groups[first].start;
    const end = groups[candidate.last].end;
    const verdict = judgeCard(text, start, end, candidate.digits, isWholeRun || isOneGroup);
    if (verdict === undefined) continue;
    return {
      finding: { kind: 'credit_card', start, end, ...verdict },
      nextGroup: candidate.last + 1,
    };
  }
  return undefined;
}

/**
 * Whether a Luhn-valid run is a card, and how sure we are. A known network at one of its
 * lengths is a card, except where the shortest lengths (12-13 digits, where barcodes and
 * identifiers live) or an arithmetic result are more likely, and no card word says otherwise.
 * A number of no known network is a card only when a card word labels it, and only when it
 * is the whole run: a card word next to a longer number says nothing about a piece of it.
 */
function judgeCard(
  text: string,
  start: number,
  end: number,
  digits: string,
  standsAlone: boolean,
): { score: number; reason: string } | undefined {
  let labelled: boolean | undefined;
  const isLabelled = () => (labelled ??= hasCardContext(text, start, end));
  const brand = cardBrand(digits);
  if (brand !== undefined) {
    const ambiguous =
      isArithmeticResult(text, start) ||
      (digits.length <= 13 &&
        (hasIdentifierContext(text, start) || (digits.length === 13 && isGs1CheckValid(digits))));
    if (ambiguous && !isLabelled()) return undefined;
    return { score: 0.95, reason: `${brand} card number (${digits.length} digits, Luhn-valid)` };
  }
  if (!standsAlone || isArithmeticResult(text, start) || !isLabelled()) return undefined;
  return {
    score: 0.75,
    reason: `card number of no known network next to a card word (${digits.length} digits, Luhn-valid)`,
  };
}

/** `2^53 = 9007199254740992`, `x * 4111...`: the number is a result or operand, not a card. */
function isArithmeticResult(text: string, start: number): boolean {
  return hasContextBefore(text, start, /[=+*/^×÷]\s?$/, 3);
}

/** 4-4-4-4(-3), Amex 4-6-5 and Diners 4-6-4: the groupings printed on cards. */
function hasStandardGrouping(groups: readonly Group[], first: number, last: number): boolean {
  const sizes = groups.slice(first, last + 1).map((group) => group.end - group.start);
  const shape = sizes.join('-');
  if (shape === '4-6-5' || shape === '4-6-4') return true;
  return sizes.every((size, index) => size === 4 || (index === sizes.length - 1 && size >= 1));
}

function splitGroups(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let start = 0;
  for (let i = 0; i <= run.length; i++) {
    const code = i < run.length ? run.charCodeAt(i) : -1;
    if (code >= 48 && code <= 57) continue;
    groups.push({ start: offset + start, end: offset + i });
    start = i + 1;
  }
  return groups;
}

/**
 * Digits glued to letters (`ID4111...`, `...abc`) are identifiers, and digits after a decimal
 * point are fractions (`3.14159265358979323`), not card numbers.
 */
function isInsideLargerToken(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (/[\p{L}_]/u.test(before) || /[\p{L}_]/u.test(after)) return true;
  if (/[.,]/.test(before) && /\d/.test(text.charAt(start - 2))) return true;
  if (/[.,]/.test(after) && /\d/.test(text.charAt(end + 1))) return true;
  return false;
}
