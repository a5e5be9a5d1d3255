import { detectIbans } from './iban.detector';
import { IBAN_LENGTHS } from './iban-lengths';

const found = (text: string) => detectIbans(text).map((f) => text.slice(f.start, f.end));

describe('detectIbans', () => {
  it.each([
    ['IBAN: DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX', 'DE89 3704 0044 0532 0130 00'],
    ['IBAN DE89370400440532013000.', 'DE89370400440532013000'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
    ['compte FR14 2004 1010 0505 0001 3M02 606 merci', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['Norway NO93 8601 1117 947', 'NO93 8601 1117 947'],
    ['lower case de89370400440532013000', 'de89370400440532013000'],
  ])('finds the IBAN in %s', (text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    'wrong check digits DE88 3704 0044 0532 0130 00',
    'too short DE89 3704 0044 0532 0130 0',
    'too long DE89370400440532013000123',
    'unknown country QQ89 3704 0044 0532 0130 00',
    'glued XDE89370400440532013000',
    'part of a word DE89370400440532013000ABC',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('reports the country but not the number', () => {
    const [finding] = detectIbans('→ GB82WEST12345698765432 ←');
    expect(finding.reason).toContain('GB');
    expect(finding.reason).not.toContain('WEST');
  });

  it('has a length for the registry countries', () => {
    expect(Object.keys(IBAN_LENGTHS).length).toBeGreaterThanOrEqual(85);
    expect(IBAN_LENGTHS).toMatchObject({ DE: 22, GB: 22, FR: 27, NO: 15, LC: 32, RU: 33 });
  });

  it('stays linear on pathological input', () => {
    const started = Date.now();
    detectIbans('DE89 '.repeat(200_000));
    detectIbans('DE8937040044'.repeat(80_000));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
