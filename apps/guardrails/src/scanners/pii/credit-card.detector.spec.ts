import { detectCreditCards } from './credit-card.detector';
import { isLuhnValid } from './luhn';

const found = (text: string) => detectCreditCards(text).map((f) => text.slice(f.start, f.end));

describe('detectCreditCards', () => {
  it.each([
    ['card 4111 1111 1111 1111 exp 09/27', '4111 1111 1111 1111'],
    ['card 4111-1111-1111-1111.', '4111-1111-1111-1111'],
    ['card 4111111111111111', '4111111111111111'],
    ['mc 5555 5555 5555 4444', '5555 5555 5555 4444'],
    ['mc two 2223 0031 2200 3222', '2223 0031 2200 3222'],
    ['amex 3782 822463 10005', '3782 822463 10005'],
    ['discover 6011 1111 1111 1117', '6011 1111 1111 1117'],
    ['jcb 3530 1113 3330 0000', '3530 1113 3330 0000'],
    ['diners 3622 720627 1667', '3622 720627 1667'],
    ['irregular 41111111 11111111', '41111111 11111111'],
    ['irregular 4111 11111111 1111', '4111 11111111 1111'],
    ['nbsp 4111\u00A01111\u00A01111\u00A01111', '4111\u00A01111\u00A01111\u00A01111'],
    ['with cvv 4111 1111 1111 1111 123', '4111 1111 1111 1111'],
  ])('finds the card in %s', (text, expected) => expect(found(text)).toEqual([expected]));

  describe('legacy brands and every length from 12 to 19', () => {
    it.each([
      ['13-digit Visa', 'Please charge 4222222222222 for the renewal.', '4222222222222'],
      ['13-digit Visa, grouped 4-3-3-3', 'pay 4222-222-222-222 now', '4222-222-222-222'],
      ['19-digit Visa', 'Use 4992 7398 7161 2345 674 for the deposit.', '4992 7398 7161 2345 674'],
      ['12-digit Maestro', 'Refund it to 5018 1234 5673, not the old one.', '5018 1234 5673'],
      ['12-digit Maestro in the 56 range', 'refund to 567812345674 thanks', '567812345674'],
      ['16-digit Maestro 6304', 'Laser 6304 1234 5678 9015', '6304 1234 5678 9015'],
      ['13-digit Maestro 0604', 'refund to 0604123456781 thanks', '0604123456781'],
      ['15-digit JCB 1800', 'The legacy JCB 1800 123456 78905 still works.', '1800 123456 78905'],
      ['15-digit JCB 2131', 'Charge 213112345678904 please.', '213112345678904'],
      ['14-digit Diners', 'Charge 36227206271667 please.', '36227206271667'],
      [
        '19-digit UnionPay',
        'Pay with 6212 3456 7890 1234 569 at checkout.',
        '6212 3456 7890 1234 569',
      ],
      ['Mir', 'Mir 2200 1234 5678 9019', '2200 1234 5678 9019'],
    ])('finds a %s by its network, with or without a card word', (_brand, text, expected) => {
      expect(found(text)).toEqual([expected]);
      expect(detectCreditCards(text)[0].score).toBe(0.95);
    });
  });

  describe('every length from 12 to 19', () => {
    /** `prefix` padded with 1s to `length - 1` digits, then the Luhn check digit. */
    const cardOf = (prefix: string, length: number) => {
      const body = prefix.padEnd(length - 1, '1');
      for (let check = 0; check <= 9; check++) {
        if (isLuhnValid(body + check)) return body + check;
      }
      throw new Error('unreachable');
    };

    it.each([12, 13, 14, 15, 16, 17, 18, 19])('finds a %i-digit Maestro number by itself', (n) => {
      const number = cardOf('6759', n);
      expect(found(`refund to ${number} thanks`)).toEqual([number]);
    });

    it.each([12, 13, 14, 15, 16, 17, 18, 19])(
      'finds a %i-digit number of no known network next to a card word only',
      (n) => {
        const number = cardOf('9', n);
        expect(found(`card number ${number}`)).toEqual([number]);
        expect(found(`reference ${number}`)).toEqual([]);
      },
    );

    it.each([11, 20])('never takes %i digits for a card', (n) => {
      expect(found(`card number ${cardOf('6759', n)}`)).toEqual([]);
    });
  });

  describe('numbers of no known network', () => {
    it.each([
      ['card number: 812345678906', '812345678906'],
      ['cc: 9123 4567 8901 6 exp 03/28', '9123 4567 8901 6'],
      ['The fuel card 71234567890123455 was charged twice.', '71234567890123455'],
      ['Kartennummer 1234-5678-9012-37 bitte sperren.', '1234-5678-9012-37'],
      ['Número de tarjeta 123456789012345671', '123456789012345671'],
      ['Numéro de carte 9123456789016, merci.', '9123456789016'],
      ['Debit 9123456789016', '9123456789016'],
      ['mijn creditcard 9123456789016', '9123456789016'],
      ['Bankkarte 9123456789016', '9123456789016'],
      ['Kreditkartennummer: 9123456789016', '9123456789016'],
      ['9123456789016 (credit card)', '9123456789016'],
    ])('finds one labelled as a card: %s', (text, expected) => {
      expect(found(text)).toEqual([expected]);
      expect(detectCreditCards(text)[0].score).toBeLessThan(0.95);
    });

    it.each([
      'Order 812345678906 ships today.',
      'Transaction id: 71234567890123455',
      'Measured 71234567890123455 requests in 2013.',
      'IMEI 356938035643809 was reported stolen.',
      'The SIM ICCID is 8931012345678901235.',
      'card order 71234567890123455 is late',
      'SIM card 8931012345678901235',
      'ID card 812345678906',
      'card on file, but 2^60 = 1152921504606846976',
    ])('ignores one that is not labelled as a card: %s', (text) => expect(found(text)).toEqual([]));
  });

  describe('short numbers of a known network', () => {
    it.each([
      'Barcode EAN 4012888888881 scanned at register 4.',
      'Invoice 501812345673 is overdue.',
      'Tracking 4222222222222',
      'Conference code 5018 1234 5673',
      'My ID card number is 5018 1234 5673',
      'x = 2 * 4222222222222',
    ])('ignores one more likely a barcode, identifier or result: %s', (text) =>
      expect(found(text)).toEqual([]),
    );

    it('believes a barcode-shaped Visa number when a card word labels it', () => {
      expect(found('Visa 4012888888881, exp 09/27')).toEqual(['4012888888881']);
    });
  });

  it('names the brand but never the number', () => {
    const text = 'Karte: 4111 1111 1111 1111 – danke';
    const [finding] = detectCreditCards(text);
    expect(finding.reason).toContain('Visa');
    expect(finding.reason).not.toMatch(/4111/);
    expect(text.slice(finding.start, finding.end)).toBe('4111 1111 1111 1111');
  });

  it.each([
    'invalid Luhn 4111 1111 1111 1112',
    'no network 9400 1111 1111 1111 4',
    'timestamp 1700000000123',
    'pi 3.14159265358979323',
    'order ID4111111111111111',
    'too short 4111 1111 11',
    'card too short 8123 4567 890',
    'spaced digits 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1',
    'EAN 4006381333931',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('finds two cards in a list', () => {
    expect(found('4111111111111111, 5555555555554444')).toEqual([
      '4111111111111111',
      '5555555555554444',
    ]);
  });

  it('stays linear on a megabyte of digits and spaced digits', () => {
    const started = Date.now();
    detectCreditCards('4'.repeat(1_000_000));
    detectCreditCards('41 '.repeat(300_000));
    detectCreditCards('4111 '.repeat(200_000));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
