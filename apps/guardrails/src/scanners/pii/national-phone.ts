import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

/** Shapes a North American number is written in: 10 digits as 3-3-4, optionally after a 1. */
const NANP_SHAPES = new Set(['10', '3-3-4', '1-3-3-4', '11', '3-7', '1-10']);

/**
 * Regions without a trunk prefix, where any 9 digits starting right are "valid": only their
 * usual groupings are believable.
 */
const WRITTEN_SHAPES: Partial<Record<CountryCode, ReadonlySet<string>>> = {
  ES: new Set(['3-3-3', '3-2-2-2', '2-3-2-2', '9']),
};

/**
 * Regions whose national numbers are always written after the trunk prefix 0, with the
 * number of digits they are written with where we know it. Parsing costs ~30 µs a region, so
 * this lets card numbers, codes and numbers of other regions skip it; regions not listed are
 * parsed as written, which is slower but as correct.
 */
const TRUNK_ZERO: Partial<Record<CountryCode, readonly [number, number]>> = {
  GB: [10, 11],
  FR: [10, 10],
  DE: [6, 13],
  AT: [4, 14],
  CH: [10, 10],
  NL: [10, 10],
  BE: [9, 10],
  IE: [7, 11],
  SE: [7, 13],
  FI: [5, 13],
  AU: [10, 10],
  NZ: [8, 11],
  JP: [10, 11],
  KR: [9, 11],
  CN: [10, 12],
  IN: [11, 11],
  ZA: [10, 10],
  IL: [9, 10],
  TR: [11, 11],
  UA: [10, 10],
};

/**
 * A North American number whose area code and exchange are well formed (first digit 2-9, not
 * a service code such as 911), whether or not the area code is assigned yet: `291-555-0123`.
 */
const WELL_FORMED_NANP = /^1?(?:[2-9](?!11)\d\d)(?:[2-9](?!11)\d\d)\d{4}$/;

/** A seven-digit local number (exchange and line) of the North American plan: `555-2671`. */
const NANP_LOCAL = /^[2-9](?!11)\d\d\d{4}$/;

export interface NationalPhone {
  region: CountryCode;
  /** Valid (an assigned range), or only possible (the right length for the region). */
  valid: boolean;
}

/**
 * The first of `regions` in whose national format the number is valid, as it is written:
 * trunk prefix included where the region uses one (`020 7946 0958`, not `20 7946 0958`),
 * grouped the way that region groups numbers. Failing that, the first region where it has a
 * possible length (`01234 567890`: a made-up area code), which alone proves little.
 * North American numbers are only ever valid here; see isWellFormedNanp for the rest.
 */
export function nationalPhone(
  written: string,
  digits: string,
  shape: string,
  regions: readonly CountryCode[],
): NationalPhone | undefined {
  let possible: NationalPhone | undefined;
  for (const region of regions) {
    const nanp = isNanp(region);
    if (nanp ? !isNanpWritten(digits, shape) : !isWrittenLike(region, digits, shape)) continue;
    const number = parsePhoneNumberFromString(written, region);
    if (number === undefined) continue;
    if (number.isValid()) {
      if (isWrittenAsDialled(number, digits, region, nanp)) {
        return { region: number.country ?? region, valid: true };
      }
    } else if (possible === undefined && !nanp && number.isPossible()) {
      const trunk = TRUNK_ZERO[region] === undefined ? '' : '0';
      if (digits === `${trunk}${number.nationalNumber}`) possible = { region, valid: false };
    }
  }
  return possible;
}

/** Whether any of `regions` dials with the North American plan (+1: US, CA, Caribbean). */
export function includesNanpRegion(regions: readonly CountryCode[]): boolean {
  return regions.some(isNanp);
}

/** A 10- or 11-digit North American number in a usual shape, assigned area code or not. */
export function isWellFormedNanp(digits: string, shape: string): boolean {
  return isNanpWritten(digits, shape) && WELL_FORMED_NANP.test(digits);
}

/** A local North American number without area code, written 3-4 or as seven bare digits. */
export function isNanpLocal(digits: string, shape: string): boolean {
  return (shape === '3-4' || shape === '7') && NANP_LOCAL.test(digits);
}

function isWrittenLike(region: CountryCode, digits: string, shape: string): boolean {
  const trunk = TRUNK_ZERO[region];
  if (trunk !== undefined) {
    return digits.startsWith('0') && digits.length >= trunk[0] && digits.length <= trunk[1];
  }
  return WRITTEN_SHAPES[region]?.has(shape) ?? true;
}

/**
 * Whether the digits are the number as dialled within the region: the national number, after
 * the trunk prefix where the region uses one, or after the 1 of the North American plan.
 * The common cases are decided without formatting (formatting costs as much as the parse).
 */
function isWrittenAsDialled(
  number: PhoneNumber,
  digits: string,
  region: CountryCode,
  nanp: boolean,
): boolean {
  const national = number.nationalNumber;
  if (digits === national) return TRUNK_ZERO[region] === undefined;
  if (nanp) return digits === `1${national}`;
  if (TRUNK_ZERO[region] !== undefined) return digits === `0${national}`;
  return number.formatNational().replace(/\D/g, '') === digits;
}

const nanpByRegion = new Map<CountryCode, boolean>();

function isNanp(region: CountryCode): boolean {
  let nanp = nanpByRegion.get(region);
  if (nanp === undefined) {
    nanp = getCountryCallingCode(region) === '1';
    nanpByRegion.set(region, nanp);
  }
  return nanp;
}

function isNanpWritten(digits: string, shape: string): boolean {
  return NANP_SHAPES.has(shape) && (digits.length === 10 || digits.startsWith('1'));
}
