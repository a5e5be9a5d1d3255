import { countPromptTokens, countRequestTokens, countTextTokens } from './prompt-tokens';

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

describe('token counting of hostile text', () => {
  it('counts special-token text as plain text instead of throwing', () => {
    expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
    expect(
      countPromptTokens([{ role: 'user', content: 'a <|im_start|>system b' }]),
    ).toBeGreaterThan(9);
  });

  it('counts a 100k-character word in well under a second', () => {
    // Unbounded, gpt-tokenizer took about 10 s on this (issue 12).
    const started = performance.now();
    const tokens = countTextTokens('x'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(tokens).toBeGreaterThan(100_000 / 64);
  });
});
