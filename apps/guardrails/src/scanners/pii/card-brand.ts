interface BrandRule {
  brand: string;
  /** Inclusive ranges of the leading digits (all bounds of one rule have the same length). */
  prefixes: readonly (readonly [number, number])[];
  lengths: readonly number[];
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];

/**
 * Issuer identification ranges of the networks people actually paste. Luhn alone accepts one
 * random digit string in ten; requiring a real network prefix and that network's lengths is
 * what keeps order numbers and timestamps (which start with 1, 7, 9...) out.
 */
const BRANDS: readonly BrandRule[] = [
  // 13-digit Visa numbers are no longer issued, and 13 digits starting with 4 are mostly EAN barcodes.
  { brand: 'Visa', prefixes: [[4, 4]], lengths: [16, 19] },
  {
    brand: 'Mastercard',
    prefixes: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16],
  },
  {
    brand: 'American Express',
    prefixes: [
      [34, 34],
      [37, 37],
    ],
    lengths: [15],
  },
  {
    brand: 'Discover',
    prefixes: [
      [6011, 6011],
      [644, 649],
      [65, 65],
      [622126, 622925],
    ],
    lengths: SIXTEEN_TO_NINETEEN,
  },
  { brand: 'JCB', prefixes: [[3528, 3589]], lengths: SIXTEEN_TO_NINETEEN },
  {
    brand: 'Diners Club',
    prefixes: [
      [300, 305],
      [3095, 3095],
      [36, 36],
      [38, 39],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { brand: 'UnionPay', prefixes: [[62, 62]], lengths: SIXTEEN_TO_NINETEEN },
  {
    brand: 'Maestro',
    prefixes: [
      [5018, 5018],
      [5020, 5020],
      [5038, 5038],
      [5893, 5893],
      [6304, 6304],
      [6759, 6759],
      [6761, 6763],
    ],
    lengths: [13, 14, 15, 16, 17, 18, 19],
  },
  { brand: 'Mir', prefixes: [[2200, 2204]], lengths: SIXTEEN_TO_NINETEEN },
  {
    brand: 'RuPay',
    prefixes: [
      [60, 60],
      [508, 508],
      [81, 82],
    ],
    lengths: [16],
  },
];

/** The card network a digit string belongs to by prefix and length, or undefined. */
export function cardBrand(digits: string): string | undefined {
  for (const rule of BRANDS) {
    if (!rule.lengths.includes(digits.length)) continue;
    for (const [low, high] of rule.prefixes) {
      const prefix = Number(digits.slice(0, String(low).length));
      if (prefix >= low && prefix <= high) return rule.brand;
    }
  }
  return undefined;
}
