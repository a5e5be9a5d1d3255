import type { ChatCompletionRequest } from '@conduit/contracts';
import { PromptSize } from './prompt-size';

const request = (content: string, extra: Partial<ChatCompletionRequest> = {}) => ({
  model: 'm',
  messages: [
    { role: 'system' as const, content: 'You are terse.', name: 'rules' },
    { role: 'user' as const, content },
  ],
  ...extra,
});

describe('PromptSize', () => {
  it.each([
    ['plain English', 'Hello world, how are you today?'],
    ['no spaces', 'a'.repeat(5000)],
    ['multi-byte text', 'ünïcødé 日本語のテキスト 🎉🎉🎉 '.repeat(50)],
    ['digits and symbols', '3.14159 <tag attr="x"> {"json": [1, 2, 3]} '.repeat(40)],
  ])('bounds the exact count from above: %s', (_name, content) => {
    const size = new PromptSize(request(content));
    expect(size.upperBound).toBeGreaterThanOrEqual(size.exact());
  });

  it('counts tool definitions in the bound', () => {
    const tools = [
      { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object' } } },
    ];
    const size = new PromptSize(request('x', { tools }));
    expect(size.upperBound).toBeGreaterThanOrEqual(size.exact());
    expect(size.upperBound).toBeGreaterThan(new PromptSize(request('x')).upperBound);
  });
});
