import { detectEmails } from './email.detector';

const found = (text: string) => detectEmails(text).map((f) => text.slice(f.start, f.end));

describe('detectEmails', () => {
  it.each([
    ['mail me at john.doe@example.com today', 'john.doe@example.com'],
    ['"jane+news@mail.co.uk"', 'jane+news@mail.co.uk'],
    ['<a.b-c_d@sub.domain.org>', 'a.b-c_d@sub.domain.org'],
    ["'o'brien@example.ie'", "o'brien@example.ie"],
    ['Kontakt: jürgen.müller@beispiel.de.', 'jürgen.müller@beispiel.de'],
    ['(Contact@Company.IO)', 'Contact@Company.IO'],
    ['mailto:support@acme-corp.com?subject=hi', 'support@acme-corp.com'],
    ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
    ['an email: x@y.museum, then text', 'x@y.museum'],
    ['https://x.com/invite?email=ana@example.com&x=1', 'ana@example.com'],
  ])('finds the address in %s', (text, expected) => expect(found(text)).toEqual([expected]));

  it('gives exact offsets and a reason without the value', () => {
    const text = '📧 Schreib an zoë@example.fr — danke';
    const [finding] = detectEmails(text);
    expect(text.slice(finding.start, finding.end)).toBe('zoë@example.fr');
    expect(finding).toMatchObject({ kind: 'email', score: expect.any(Number) as number });
    expect(finding.reason).not.toContain('example');
  });

  it.each([
    'user@localhost',
    'icon@2x.png and logo@3x.webp',
    'npm i lodash@4.17.21',
    'git@github.com:acme/repo.git',
    'https://admin@internal.example.com/path',
    'postgres://app:s3cret@db.example.com:5432/x',
    '@decorator and foo@ and @bar.com',
    'a@b.c',
    'name@domain..com',
    'ends with a dot.@example.com',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('finds several addresses and keeps them in order', () => {
    expect(found('a@x.io, b@y.io;c@z.io')).toEqual(['a@x.io', 'b@y.io', 'c@z.io']);
  });

  it('handles the empty string', () => expect(detectEmails('')).toEqual([]));

  it('stays linear on pathological input', () => {
    const started = Date.now();
    detectEmails('a@'.repeat(100_000));
    detectEmails('a'.repeat(500_000) + '@' + 'b.'.repeat(200_000));
    detectEmails('..@'.repeat(100_000));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
