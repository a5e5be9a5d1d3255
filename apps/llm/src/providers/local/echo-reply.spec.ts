import { echoReply, splitIntoTokenPieces } from './echo-reply';

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
  it('returns the last user message exactly, split into token pieces', async () => {
    const reply = await ask('Hello wörld 👋 — naïve café');
    expect(reply.text).toBe('Hello wörld 👋 — naïve café');
    const pieces = splitIntoTokenPieces(reply.tokens);
    expect(pieces.join('')).toBe(reply.text);
    expect(pieces.length).toBe(reply.completionTokens);
    expect(reply.finishReason).toBe('stop');
    expect(reply.promptTokens).toBeGreaterThan(reply.completionTokens);
  });

  it('truncates at max_tokens with finish_reason length', async () => {
    const reply = await ask('one two three four five six', { max_tokens: 3 });
    expect(reply.completionTokens).toBe(3);
    expect(reply.text).toBe('one two three');
    expect(reply.finishReason).toBe('length');
  });

  it('cuts at the earliest stop sequence', async () => {
    expect((await ask('alpha STOP beta END gamma', { stop: ['END', 'STOP'] })).text).toBe('alpha ');
  });

  it('joins text parts and answers empty when there is no user message', async () => {
    const parts = await echoReply({
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
      (await echoReply({ model: 'local/echo', messages: [{ role: 'system', content: 'x' }] })).text,
    ).toBe('');
  });
});
