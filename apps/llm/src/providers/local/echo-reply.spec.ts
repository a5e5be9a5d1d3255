import { echoReply } from './echo-reply';

const ask = (content: string, extra: object = {}) =>
  echoReply({
    model: 'local/echo',
    messages: [
      { role: 'system', content: 'be nice' },
      { role: 'user', content },
    ],
    ...extra,
  });

describe('echoReply', () => {
  it('returns the last user message exactly, split into token pieces', () => {
    const reply = ask('Hello wörld 👋 — naïve café');
    expect(reply.text).toBe('Hello wörld 👋 — naïve café');
    expect(reply.pieces.join('')).toBe(reply.text);
    expect(reply.pieces.length).toBe(reply.completionTokens);
    expect(reply.finishReason).toBe('stop');
    expect(reply.promptTokens).toBeGreaterThan(reply.completionTokens);
  });

  it('truncates at max_tokens with finish_reason length', () => {
    const reply = ask('one two three four five six', { max_tokens: 3 });
    expect(reply.completionTokens).toBe(3);
    expect(reply.text).toBe('one two three');
    expect(reply.finishReason).toBe('length');
  });

  it('cuts at the earliest stop sequence', () => {
    expect(ask('alpha STOP beta END gamma', { stop: ['END', 'STOP'] }).text).toBe('alpha ');
  });

  it('joins text parts and answers empty when there is no user message', () => {
    const parts = echoReply({
      model: 'local/echo',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
    });
    expect(parts.text).toBe('ab');
    expect(
      echoReply({ model: 'local/echo', messages: [{ role: 'system', content: 'x' }] }).text,
    ).toBe('');
  });
});
