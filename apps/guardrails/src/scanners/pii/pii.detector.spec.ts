import { detectPii } from './pii.detector';

const kinds = (text: string) =>
  detectPii(text).map((f) => [f.kind, text.slice(f.start, f.end)] as const);

describe('detectPii', () => {
  it('finds every kind in one message, sorted by start', () => {
    const text =
      'Hi, I am Ana (ana.torres@example.com, +1 212-736-5000). Card 4111 1111 1111 1111, ' +
      'IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, my laptop is 192.168.1.23 / fe80::1ff:fe23:4567:890a.';
    expect(kinds(text)).toEqual([
      ['email', 'ana.torres@example.com'],
      ['phone', '+1 212-736-5000'],
      ['credit_card', '4111 1111 1111 1111'],
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['us_ssn', '123-45-6789'],
      ['ip_address', '192.168.1.23'],
      ['ip_address', 'fe80::1ff:fe23:4567:890a'],
    ]);
  });

  it('returns non-overlapping findings with reasons that never contain the value', () => {
    const text =
      'Kontakt: jürgen.müller@beispiel.de, Tel. +49 (0)30 901820, Konto DE89370400440532013000; ' +
      'tarjeta 5555-5555-5555-4444; numéro 06 12 34 56 78; ssn: 123456789; ip ::ffff:10.1.2.3';
    const findings = detectPii(text);
    expect(findings.map((f) => f.kind)).toEqual([
      'email',
      'phone',
      'iban',
      'credit_card',
      'phone',
      'us_ssn',
      'ip_address',
    ]);
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i];
      expect(finding.reason).not.toContain(text.slice(finding.start, finding.end));
      expect(finding.score).toBeGreaterThan(0);
      expect(finding.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(finding.start).toBeGreaterThanOrEqual(findings[i - 1].end);
    }
  });

  it('prefers the card over a phone reading of the same digits', () => {
    expect(kinds('charge 3782 822463 10005 please')).toEqual([
      ['credit_card', '3782 822463 10005'],
    ]);
  });

  it('returns nothing for the empty string and for risky-looking clean text', () => {
    expect(detectPii('')).toEqual([]);
    const clean =
      'Order #112-4567890-1234567 shipped on 2024-03-05 at 10:30; total $1,234.56 (invoice ' +
      'INV-2023-000123). Upgrade to v2.14.1, see ISBN 978-3-16-148410-0, tracking 1Z999AA10123456784, ' +
      'card 4111 1111 1111 1112 was invalid, IBAN DE88370400440532013000 too, SSN 000-12-3456 ' +
      'is not issued, request 123e4567-e89b-12d3-a456-426614174000 took 1700000000123 ms.';
    expect(kinds(clean)).toEqual([]);
  });

  it('keeps offsets in UTF-16 code units next to astral characters', () => {
    const text = '👩‍💻𝒜 mail 🙂 a@b.io 🙂 +44 20 7946 0321';
    for (const finding of detectPii(text)) {
      expect(['a@b.io', '+44 20 7946 0321']).toContain(text.slice(finding.start, finding.end));
    }
    expect(detectPii(text)).toHaveLength(2);
  });

  it('scans a megabyte of mixed text well within a second per megabyte budget', () => {
    const unit =
      'Lorem ipsum dolor sit amet, call (212) 736-5000 or mail x.y@example.com; order 2024-01-02. ';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = Date.now();
    const findings = detectPii(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(findings.length).toBeGreaterThan(20_000);
  });

  it('reads national phone numbers in the regions of the options, the defaults otherwise', () => {
    const text = 'Ring me on 020 7946 0958 or at 555-2671.';
    expect(kinds(text)).toEqual([
      ['phone', '020 7946 0958'],
      ['phone', '555-2671'],
    ]);
    expect(detectPii(text, { phoneRegions: ['US'] }).map((f) => f.kind)).toEqual(['phone']);
    expect(detectPii(text, { phoneRegions: ['gb'] }).map((f) => f.kind)).toEqual(['phone']);
    expect(detectPii(text, { phoneRegions: [] })).toEqual([]);
  });

  it('reports a long Maestro number once, as a card, not as a phone inside it', () => {
    expect(kinds('Debit card number: 0604 5857 3750 4156 45')).toEqual([
      ['credit_card', '0604 5857 3750 4156 45'],
    ]);
  });

  it.each([
    ['a@', 'a@'],
    ['digits', '7'],
    ['spaced digits', '7 '],
    ['dashed digits', '12-'],
    ['dots', '1.'],
    ['colons', '1:'],
    ['plus signs', '+1 '],
    ['parentheses', '(1)'],
  ])('does not backtrack catastrophically on 1 MB of %s', (_name, unit) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = Date.now();
    detectPii(text);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
