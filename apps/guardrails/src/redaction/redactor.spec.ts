import { restorePlaceholders } from './placeholder-restorer';
import { Redactor } from './redactor';

const find = (text: string, value: string, kind: string, from = 0) => {
  const start = text.indexOf(value, from);
  return { kind, start, end: start + value.length };
};

describe('Redactor', () => {
  it('replaces spans with <KIND_N>, counting per kind', () => {
    const redactor = new Redactor();
    const text = 'mail a@x.io or b@y.io, card 4111 1111 1111 1111';
    const redacted = redactor.redact(text, [
      find(text, '4111 1111 1111 1111', 'credit_card'),
      find(text, 'b@y.io', 'email'),
      find(text, 'a@x.io', 'email'),
    ]);
    expect(redacted).toBe('mail <EMAIL_1> or <EMAIL_2>, card <CREDIT_CARD_1>');
    expect(redactor.replacements).toEqual([
      { placeholder: '<EMAIL_1>', original: 'a@x.io', kind: 'email' },
      { placeholder: '<EMAIL_2>', original: 'b@y.io', kind: 'email' },
      { placeholder: '<CREDIT_CARD_1>', original: '4111 1111 1111 1111', kind: 'credit_card' },
    ]);
  });

  it('gives the same value the same placeholder across messages of a request', () => {
    const redactor = new Redactor();
    const first = 'I am a@x.io';
    const second = 'again: a@x.io, and c@z.io; a@x.io';
    expect(redactor.redact(first, [find(first, 'a@x.io', 'email')])).toBe('I am <EMAIL_1>');
    const redacted = redactor.redact(second, [
      find(second, 'a@x.io', 'email'),
      find(second, 'c@z.io', 'email'),
      find(second, 'a@x.io', 'email', 20),
    ]);
    expect(redacted).toBe('again: <EMAIL_1>, and <EMAIL_2>; <EMAIL_1>');
    expect(redactor.replacements).toHaveLength(2);
  });

  it('merges overlapping and duplicate findings so nothing leaks', () => {
    const redactor = new Redactor();
    const text = 'key sk-abc123def456 end';
    const redacted = redactor.redact(text, [
      { kind: 'high_entropy_token', start: 8, end: 19 },
      { kind: 'openai_api_key', start: 4, end: 19 },
      { kind: 'openai_api_key', start: 4, end: 19 },
      { kind: 'email', start: 6, end: 10 },
    ]);
    expect(redacted).toBe('key <OPENAI_API_KEY_1> end');
    expect(redactor.replacements[0].original).toBe('sk-abc123def456');
  });

  it('redacts the union of partially overlapping findings', () => {
    const redactor = new Redactor();
    expect(
      redactor.redact('0123456789', [
        { kind: 'a', start: 2, end: 5 },
        { kind: 'b', start: 4, end: 8 },
      ]),
    ).toBe('01<B_1>89');
    expect(redactor.replacements[0].original).toBe('234567');
  });

  it('ignores empty spans and clamps spans to the text', () => {
    const redactor = new Redactor();
    expect(redactor.redact('abc', [{ kind: 'x', start: 1, end: 1 }])).toBe('abc');
    expect(redactor.redact('abc', [{ kind: 'x', start: 2, end: 10 }])).toBe('ab<X_1>');
    expect(redactor.redact('', [])).toBe('');
  });

  it('never hands out a placeholder the text already contains', () => {
    const redactor = new Redactor();
    const text = 'literal <EMAIL_1> and a@x.io';
    expect(redactor.redact(text, [find(text, 'a@x.io', 'email')])).toBe(
      'literal <EMAIL_1> and <EMAIL_2>',
    );
  });

  it('sanitises odd kind names into the placeholder alphabet', () => {
    const redactor = new Redactor();
    expect(redactor.redact('x', [{ kind: 'ip-address v6', start: 0, end: 1 }])).toBe(
      '<IP_ADDRESS_V6_1>',
    );
  });

  it('round-trips through restorePlaceholders', () => {
    const redactor = new Redactor();
    const text = 'Contact 😀 jürgen@beispiel.de, +49 30 901820, jürgen@beispiel.de!';
    const findings = [
      find(text, 'jürgen@beispiel.de', 'email'),
      find(text, '+49 30 901820', 'phone'),
      find(text, 'jürgen@beispiel.de', 'email', 30),
    ];
    const redacted = redactor.redact(text, findings);
    expect(redacted).not.toContain('beispiel');
    expect(restorePlaceholders(redacted, redactor.replacements)).toBe(text);
  });

  it('counts past nine without confusing <EMAIL_1> and <EMAIL_12>', () => {
    const redactor = new Redactor();
    const values = Array.from({ length: 12 }, (_, i) => `u${i}@x.io`);
    const text = values.join(' ');
    const redacted = redactor.redact(
      text,
      values.map((value) => find(text, value, 'email')),
    );
    expect(redacted.split(' ').at(-1)).toBe('<EMAIL_12>');
    expect(restorePlaceholders(redacted, redactor.replacements)).toBe(text);
  });
});
