import { countPromptTokens, countTextTokens } from './token-counter';

describe('token counting', () => {
  it('counts text with the o200k tokenizer', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('Hello world')).toBe(2);
  });

  it('adds OpenAI message framing to the prompt', () => {
    // 3 priming + (3 + 'user'=1 + 'Hello world'=2)
    expect(countPromptTokens([{ role: 'user', content: 'Hello world' }])).toBe(9);
    expect(countPromptTokens([{ role: 'user', content: 'Hello world', name: 'bob' }])).toBe(11);
  });
});
