import type { ChatCompletionRequest } from '@conduit/contracts';
import { canonicalJson, exactCacheKey } from './cache-key';

const request = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'gpt4o',
  messages: [{ role: 'user', content: 'hi' }],
  temperature: 0,
  ...extra,
});

describe('exactCacheKey', () => {
  it('ignores the order of object keys, and arguments that do not change the answer', () => {
    const base = exactCacheKey('team:a', 'openai/gpt-4o', request());
    const reordered = exactCacheKey('team:a', 'openai/gpt-4o', {
      temperature: 0,
      messages: [{ content: 'hi', role: 'user' }],
      model: 'openai/gpt-4o',
    });
    const delivery = exactCacheKey(
      'team:a',
      'openai/gpt-4o',
      request({
        stream: true,
        stream_options: { include_usage: true },
        user: 'u1',
        metadata: { a: 'b' },
        conduit: { include_cost: true },
      }),
    );
    expect(reordered).toBe(base);
    expect(delivery).toBe(base);
  });

  it('separates tenants, models and every argument that changes the answer', () => {
    const base = exactCacheKey('team:a', 'm', request());
    expect(exactCacheKey('team:b', 'm', request())).not.toBe(base);
    expect(exactCacheKey('team:a', 'other', request())).not.toBe(base);
    for (const extra of [
      { temperature: 0.5 },
      { seed: 1 },
      { max_tokens: 5 },
      { n: 2 },
      { response_format: { type: 'json_object' as const } },
      { messages: [{ role: 'user' as const, content: 'hi!' }] },
      { tools: [{ type: 'function' as const, function: { name: 'f' } }] },
    ]) {
      expect(exactCacheKey('team:a', 'm', request(extra))).not.toBe(base);
    }
  });

  it('keeps array order (messages in another order are another conversation)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
