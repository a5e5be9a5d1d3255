import { detectUsSsns } from './us-ssn.detector';

const found = (text: string) => detectUsSsns(text).map((f) => text.slice(f.start, f.end));

describe('detectUsSsns', () => {
  it.each([
    ['SSN 123-45-6789', '123-45-6789'],
    ['record: 078-05-1120, born 1950', '078-05-1120'],
    ['ssn 123 45 6789', '123 45 6789'],
    ['My social security number is 123456789.', '123456789'],
    ['SSN#: 899999999', '899999999'],
  ])('finds the SSN in %s', (text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    'area 000: 000-12-3456',
    'area 666: 666-12-3456',
    'area 9xx: 912-34-5678',
    'group 00: 123-00-4567',
    'serial 0000: 123-45-0000',
    'bare nine digits without a label 123456789',
    'phone 212-736-5000',
    'date 2023-12-05',
    'zip 90210-1234',
    'longer 1123-45-6789 and 123-45-67890',
    'in an id ABC123-45-6789',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('scores labelled numbers higher and never echoes the value', () => {
    const [labelled] = detectUsSsns('SSN: 123-45-6789');
    const [bare] = detectUsSsns('id 123-45-6789');
    expect(labelled.score).toBeGreaterThan(bare.score);
    expect(labelled.reason).not.toContain('6789');
  });
});
