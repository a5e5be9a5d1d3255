import { lexJsonText } from './json-text.lexer';
import { applyEdits, redactionEdits } from './redaction-edits';

const at = (text: string, value: string, kind = 'email') => {
  const start = text.indexOf(value);
  return { kind, start, end: start + value.length };
};

describe('redactionEdits', () => {
  it('replaces a value in plain text by its label', () => {
    const text = 'write to jane@example.com today';
    const edits = redactionEdits(text, [at(text, 'jane@example.com')], null);
    expect(applyEdits(text, edits)).toBe('write to [REDACTED_EMAIL] today');
  });

  it('redacts inside JSON strings only, so the answer stays JSON', () => {
    const text = '{"to": "jane@example.com", "note": "call +1 415 555 2671 now"}';
    const edits = redactionEdits(
      text,
      [at(text, 'jane@example.com'), at(text, '+1 415 555 2671', 'phone')],
      lexJsonText(text),
    );
    const redacted = applyEdits(text, edits);
    expect(JSON.parse(redacted)).toEqual({
      to: '[REDACTED_EMAIL]',
      note: 'call [REDACTED_PHONE] now',
    });
  });

  it('replaces a value written outside a string (a number) by the label as a string', () => {
    const text = '{"card": 4111111111111111, "n": 2}';
    const edits = redactionEdits(
      text,
      [at(text, '4111111111111111', 'credit_card')],
      lexJsonText(text),
    );
    expect(JSON.parse(applyEdits(text, edits))).toEqual({ card: '[REDACTED_CREDIT_CARD]', n: 2 });
  });

  it('redacts the parts inside strings of a match that spans JSON structure', () => {
    // A detector reading `"415 555", "2671"` as one number: both strings lose their digits.
    const text = '{"a": ["415 555", "2671"]}';
    const start = text.indexOf('415');
    const end = text.indexOf('2671') + 4;
    const edits = redactionEdits(text, [{ kind: 'phone', start, end }], lexJsonText(text));
    expect(JSON.parse(applyEdits(text, edits))).toEqual({
      a: ['[REDACTED_PHONE]', '[REDACTED_PHONE]'],
    });
  });

  it('merges overlapping targets into one edit', () => {
    const text = 'key sk-abc123def456 end';
    const edits = redactionEdits(
      text,
      [
        { kind: 'secret', start: 4, end: 12 },
        { kind: 'token', start: 8, end: 19 },
      ],
      null,
    );
    expect(edits).toEqual([{ start: 4, end: 19, text: '[REDACTED_SECRET]' }]);
  });
});
