import { countPromptTokens, countRequestTokens, countTextTokens } from './token-counter';

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

describe('request token counting', () => {
  it('adds the tool definitions to the messages', () => {
    const messages = [{ role: 'user' as const, content: 'Hello world' }];
    const tools = [{ type: 'function' as const, function: { name: 'get_weather' } }];
    expect(countRequestTokens({ model: 'm', messages })).toBe(9);
    expect(countRequestTokens({ model: 'm', messages, tools })).toBe(
      9 + countTextTokens(JSON.stringify(tools)),
    );
  });
});
