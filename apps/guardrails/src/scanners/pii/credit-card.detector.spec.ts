import { detectCreditCards } from './credit-card.detector';

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
    'too short 4111 1111 111',
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
