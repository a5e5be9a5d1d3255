import { cardBrand } from './card-brand';
import { isIbanChecksumValid } from './iban-checksum';
import { isLuhnValid } from './luhn';

describe('isLuhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '0'])(
    'accepts %s',
    (digits) => expect(isLuhnValid(digits)).toBe(true),
  );

  it.each(['4111111111111112', '5555555555554440', '378282246310006', ''])('rejects %s', (digits) =>
    expect(isLuhnValid(digits)).toBe(false),
  );
});

describe('cardBrand', () => {
  it.each([
    ['4111111111111111', 'Visa'],
    ['5555555555554444', 'Mastercard'],
    ['2223003122003222', 'Mastercard'],
    ['378282246310005', 'American Express'],
    ['6011111111111117', 'Discover'],
    ['3530111333300000', 'JCB'],
    ['36227206271667', 'Diners Club'],
    ['6200000000000005', 'UnionPay'],
  ])('%s is %s', (digits, brand) => expect(cardBrand(digits)).toBe(brand));

  it('knows no network for numbers starting with 1, 7, 8 or 9, nor for wrong lengths', () => {
    expect(cardBrand('1700000000123')).toBeUndefined();
    expect(cardBrand('9400111899223344')).toBeUndefined();
    expect(cardBrand('41111111111111')).toBeUndefined();
    expect(cardBrand('37828224631000')).toBeUndefined();
  });
});

describe('isIbanChecksumValid', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NO9386011117947',
    'LC55HEMM000100010012001200023015',
  ])('accepts %s', (iban) => expect(isIbanChecksumValid(iban)).toBe(true));

  it.each(['DE88370400440532013000', 'GB82WEST12345698765433', 'DE89', 'DE89-3704'])(
    'rejects %s',
    (iban) => expect(isIbanChecksumValid(iban)).toBe(false),
  );
});
