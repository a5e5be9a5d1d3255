import { requestLogTexts } from './request-log-texts';

describe('requestLogTexts', () => {
  const body = {
    model: 'local/echo',
    max_tokens: 100,
    metadata: undefined,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'mail ana@example.com' }] },
    ],
  };

  it('lists the string values in serialisation order and puts redacted ones back', () => {
    const parts = requestLogTexts(body, 1_000);
    expect(parts.texts).toEqual([
      'local/echo',
      'system',
      'You are terse.',
      'user',
      'text',
      'mail ana@example.com',
    ]);
    const redacted = parts.texts.map((text) => text.replace('ana@example.com', '[REDACTED_EMAIL]'));
    expect(JSON.parse(JSON.stringify(parts.rebuild(redacted)))).toEqual({
      model: 'local/echo',
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'mail [REDACTED_EMAIL]' }] },
      ],
    });
  });

  it('keeps at most the budget of text, marking what it cut or left out', () => {
    const parts = requestLogTexts({ a: 'x'.repeat(8), b: 'y'.repeat(8), c: 'z' }, 12);
    expect(parts.texts).toEqual(['x'.repeat(8), 'yyyy…', '…']);
    expect(parts.rebuild(parts.texts)).toEqual({ a: 'x'.repeat(8), b: 'yyyy…', c: '…' });
  });

  it('does not change the body it was given', () => {
    const parts = requestLogTexts(body, 1_000);
    parts.rebuild(parts.texts.map(() => 'changed'));
    expect(body.messages[0].content).toBe('You are terse.');
  });
});
