import { restorePlaceholders, StreamingRestorer } from './placeholder-restorer';
import type { Replacement } from './redactor';

const replacements: Replacement[] = [
  { placeholder: '<EMAIL_1>', original: 'a@x.io', kind: 'email' },
  { placeholder: '<EMAIL_12>', original: 'l@x.io', kind: 'email' },
  { placeholder: '<CREDIT_CARD_1>', original: '4111 1111 1111 1111', kind: 'credit_card' },
  { placeholder: '<OPENAI_API_KEY_1>', original: 'sk-<EMAIL_1>-$&', kind: 'openai_api_key' },
];

describe('restorePlaceholders', () => {
  it('replaces every occurrence of every placeholder', () => {
    expect(restorePlaceholders('<EMAIL_1>,<EMAIL_1> <CREDIT_CARD_1>', replacements)).toBe(
      'a@x.io,a@x.io 4111 1111 1111 1111',
    );
  });

  it('does not confuse <EMAIL_1> and <EMAIL_12>', () => {
    expect(restorePlaceholders('<EMAIL_12> <EMAIL_1> <EMAIL_1 <EMAIL_2>', replacements)).toBe(
      'l@x.io a@x.io <EMAIL_1 <EMAIL_2>',
    );
  });

  it('inserts originals literally and does not re-expand them', () => {
    expect(restorePlaceholders('k=<OPENAI_API_KEY_1>', replacements)).toBe('k=sk-<EMAIL_1>-$&');
  });

  it('leaves text without placeholders (or without replacements) alone', () => {
    expect(restorePlaceholders('a < b > c', replacements)).toBe('a < b > c');
    expect(restorePlaceholders('<EMAIL_1>', [])).toBe('<EMAIL_1>');
    expect(restorePlaceholders('', replacements)).toBe('');
  });
});

describe('StreamingRestorer', () => {
  const stream = (chunks: readonly string[]) => {
    const restorer = new StreamingRestorer(replacements);
    return chunks.map((chunk) => restorer.push(chunk)).join('') + restorer.flush();
  };

  const samples = [
    'Write to <EMAIL_1> or <EMAIL_12>; charge <CREDIT_CARD_1>. a < b, <EMAIL_',
    '<<EMAIL_1>><EMAIL_12<EMAIL_1>',
    'no placeholders at all, just <html> and 3 < 4',
    '<OPENAI_API_KEY_1>',
    '',
  ];

  it.each(samples)('matches the one-shot restore at every single split point of %j', (text) => {
    const expected = restorePlaceholders(text, replacements);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(stream([text.slice(0, cut), text.slice(cut)])).toBe(expected);
    }
  });

  it.each(samples)('matches the one-shot restore at every pair of split points of %j', (text) => {
    const expected = restorePlaceholders(text, replacements);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        expect(stream([text.slice(0, a), text.slice(a, b), text.slice(b)])).toBe(expected);
      }
    }
  });

  it('matches when streamed one character at a time', () => {
    const text = samples[0];
    expect(stream([...text])).toBe(restorePlaceholders(text, replacements));
  });

  it('emits plain text immediately and holds back only a possible placeholder', () => {
    const restorer = new StreamingRestorer(replacements);
    expect(restorer.push('Hello <b')).toBe('Hello <b');
    expect(restorer.push(' mail <EMA')).toBe(' mail ');
    expect(restorer.push('IL_1> and <EMAIL_1')).toBe('a@x.io and ');
    expect(restorer.push('2>!')).toBe('l@x.io!');
    expect(restorer.push('<CREDIT')).toBe('');
    expect(restorer.flush()).toBe('<CREDIT');
    expect(restorer.flush()).toBe('');
  });

  it('passes everything through when there is nothing to restore', () => {
    const restorer = new StreamingRestorer([]);
    expect(restorer.push('a <EMA')).toBe('a <EMA');
    expect(restorer.flush()).toBe('');
  });

  it('is fast on long streams', () => {
    const restorer = new StreamingRestorer(replacements);
    const started = Date.now();
    let out = '';
    for (let i = 0; i < 100_000; i++) out += restorer.push(i % 7 === 0 ? '<EMAI' : 'L_1> text ');
    out += restorer.flush();
    expect(out.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
