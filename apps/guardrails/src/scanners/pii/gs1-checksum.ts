/**
 * The GS1 check digit of EAN-13 barcodes (weights 1 and 3 from the left). German and Austrian
 * product codes start with 40-44 and are 13 digits long, exactly like a legacy Visa number;
 * a number that carries both check digits is more likely a barcode than a card.
 */
export function isGs1CheckValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length - 1; i++) {
    const weight = (digits.length - 1 - i) % 2 === 1 ? 3 : 1;
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return digits.length > 1 && (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}
