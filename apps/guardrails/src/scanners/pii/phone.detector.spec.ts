import { detectPhones } from './phone.detector';

const found = (text: string) => detectPhones(text).map((f) => text.slice(f.start, f.end));

describe('detectPhones', () => {
  it.each([
    ['call (212) 736-5000 today', '(212) 736-5000'],
    ['call 212-736-5000.', '212-736-5000'],
    ['call 212.736.5000', '212.736.5000'],
    ['intl +1 212 736 5000', '+1 212 736 5000'],
    ['e164 +12127365000', '+12127365000'],
    ['toll free 1-800-225-5288', '1-800-225-5288'],
    ['with extension 212-736-5000 ext. 12', '212-736-5000'],
    ['UK +44 20 7946 0321', '+44 20 7946 0321'],
    ['UK mobile 07911 123456', '07911 123456'],
    ['UK (0) +44 (0)20 7946 0321', '+44 (0)20 7946 0321'],
    ['Tel.: 030 901820', '030 901820'],
    ['Handy 0171 1234567', '0171 1234567'],
    ['Fax 030/901820', '030/901820'],
    ['DE +49 30 901820', '+49 30 901820'],
    ['DE 0049 171 1234567', '0049 171 1234567'],
    ['FR 01 42 68 53 00', '01 42 68 53 00'],
    ['FR 06.12.34.56.78', '06.12.34.56.78'],
    ['FR +33 6 12 34 56 78', '+33 6 12 34 56 78'],
    ['FR +33 (0)1 42 68 53 00', '+33 (0)1 42 68 53 00'],
    ['ES +34 612 345 678', '+34 612 345 678'],
    ['Llámame al 612 34 56 78', '612 34 56 78'],
    ['JP +81 3-1234-5678', '+81 3-1234-5678'],
    ['call me at 2127365000', '2127365000'],
  ])('finds the number in %s', (text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    'Order #4155552671 shipped',
    'order number 2125551234',
    'Invoice INV-2023-000123',
    'x = 2125551234 * 3',
    'unlabelled 2125551234',
    'date 2023-12-05, 05.12.2023 and 12/05/2023 10:30',
    'version 10.0.19041.1234 and v2.1.3',
    'price $1,234,567.89 and 1 234 567,89 €',
    'ISBN 978-3-16-148410-0',
    'card 4111 1111 1111 1111',
    'IBAN DE89 3704 0044 0532 0130 00',
    'SSN 123-45-6789',
    'ip 192.168.100.200',
    'timestamp 1700000000123',
    'text 2125551234@vtext.com',
    'ratio 45.2125551234',
    'spaced digits 1 2 3 4 5 6 7 8 9 0',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  describe('national numbers without a country code', () => {
    it.each([
      ['call me at 555-2671', '555-2671'],
      ['call me at 5552671', '5552671'],
      ["Maria's number is 5552671", '5552671'],
      ['The number is 555-2671', '555-2671'],
      ['Contact: 555 2671', '555 2671'],
      ['My home number is 467.5254, call after six.', '467.5254'],
      ['You can reach me at 963 9864.', '963 9864'],
      ['Ring me on 020 7946 0958 tomorrow.', '020 7946 0958'],
      ['Our Berlin office: 030 123456', '030 123456'],
      ['Ruf mich an unter 089 2345678.', '089 2345678'],
      ['Support line: 415-487-5641x3313', '415-487-5641'],
      ['New client, (632)932-7381, wants a callback.', '(632)932-7381'],
      ['Fax 291-555-0123', '291-555-0123'],
      ['Call +1-291-555-0123', '+1-291-555-0123'],
      ['My number is 2915550123', '2915550123'],
      ['Phone: 01234 567890', '01234 567890'],
      ['call 0123 4567', '0123 4567'],
    ])('finds the number in %s', (text, expected) => expect(found(text)).toEqual([expected]));

    it('scores a number of a possible length only below a valid one', () => {
      const [possible] = detectPhones('call 0123 4567');
      const [valid] = detectPhones('call 030 123456');
      expect(possible.score).toBeLessThan(valid.score);
      expect(possible.reason).toMatch(/possible/);
    });

    it.each([
      'Part number 555-2671 is out of stock.',
      'Model number 555-2671',
      'Flight number 555-2671',
      'Room number 555-2671',
      'Pages 847-9211 cover the appendix.',
      'Ticket 452-7209 was closed on 11/01/2025.',
      'call 911-2671',
      'Fax 211-555-0123',
      'seasons 2020-2021 and 1990-2000',
      'unlabelled 20 7946 0958',
      'number 5552671',
      'Number of items: 0123 4567',
      'SIN 046 454 286',
      'Steuernummer 030 123456',
      'order 0123 4567',
      '0123 4567',
    ])('ignores %s', (text) => expect(found(text)).toEqual([]));
  });

  describe('default regions', () => {
    it('reads national numbers only in the regions given', () => {
      expect(found('Ring me on 020 7946 0958.')).toEqual(['020 7946 0958']);
      expect(detectPhones('Ring me on 020 7946 0958.', ['US'])).toEqual([]);
      expect(detectPhones('call me at 555-2671', ['GB', 'DE'])).toEqual([]);
      expect(detectPhones('Llámame al 612 34 56 78', ['US'])).toEqual([]);
    });

    it('reads national numbers of regions beyond the defaults when asked', () => {
      const brazil = 'Ligue para (11) 91234-5678';
      expect(found(brazil)).toEqual([]);
      const [finding] = detectPhones(brazil, ['BR']);
      expect(brazil.slice(finding.start, finding.end)).toBe('(11) 91234-5678');
      expect(finding.reason).toContain('BR national format');
      expect(detectPhones('Bel me op 020 123 4567', ['NL'])[0].reason).toContain('NL');
    });

    it('still finds international numbers with no region at all', () => {
      expect(detectPhones('call +44 20 7946 0958 or 020 7946 0958', []).length).toBe(1);
    });
  });

  it('finds several numbers and gives exact offsets around unicode', () => {
    const text = '☎️ Büro: +49 30 901820 – mobil: 0171 1234567 – 🇺🇸 (212) 736-5000';
    expect(found(text)).toEqual(['+49 30 901820', '0171 1234567', '(212) 736-5000']);
  });

  it('explains without echoing the number', () => {
    for (const finding of detectPhones('call +44 20 7946 0321 or 212-736-5000')) {
      expect(finding.kind).toBe('phone');
      expect(finding.reason).not.toMatch(/7946|736/);
    }
  });

  it('stays linear on pathological input', () => {
    const started = Date.now();
    detectPhones('1 '.repeat(200_000));
    detectPhones('12 '.repeat(150_000));
    detectPhones('+1 '.repeat(150_000));
    detectPhones('(1'.repeat(200_000));
    detectPhones('0'.repeat(400_000));
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
