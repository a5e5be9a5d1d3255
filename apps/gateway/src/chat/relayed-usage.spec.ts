import type { ChatCompletionChunk, LlmChatStreamAccepted } from '@conduit/contracts';
import { chargeAtAcceptedPrice, RelayedUsage } from './relayed-usage';

const chunk = (
  index: number,
  delta: ChatCompletionChunk['choices'][number]['delta'],
): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'm',
  choices: [{ index, delta, finish_reason: null }],
});

const request = {
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

const accepted: LlmChatStreamAccepted = {
  cancelSubject: 'x',
  model: 'openai/gpt-4o-mini',
  heartbeatMs: 1_000,
  price: {
    provider: 'openai',
    priceVersion: 'openai/gpt-4o-mini@2024-07-18',
    // $0.15 in, $0.60 out per million tokens.
    rates: { inputMicroUsdPerMTok: 150_000, outputMicroUsdPerMTok: 600_000 },
  },
};

describe('RelayedUsage', () => {
  it('counts every generated part of every choice, and the prompt as the llm service does', async () => {
    const relayed = new RelayedUsage();
    relayed.add(chunk(0, { content: 'Hello' }));
    relayed.add(chunk(0, { content: ' world' }));
    relayed.add(chunk(1, { tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }));
    const usage = await relayed.count(request, null);
    expect(usage.completion_tokens).toBeGreaterThanOrEqual(3);
    // 3 priming + 3 framing + "user" + "Hi"
    expect(usage.prompt_tokens).toBe(8);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it('takes the prompt tokens from the admission quote when there was one', async () => {
    expect((await new RelayedUsage().count(request, 1234)).prompt_tokens).toBe(1234);
  });

  it('counts a 200k-character unbroken run in linear time, never low', async () => {
    const relayed = new RelayedUsage();
    relayed.add(chunk(0, { content: 'a'.repeat(200_000) }));
    const startedAt = performance.now();
    const usage = await relayed.count(request, 0);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(usage.completion_tokens).toBeGreaterThan(0);
  });
});

describe('chargeAtAcceptedPrice', () => {
  it('prices in integer micro-USD, rounded up, at the announced price version', () => {
    const usage = { prompt_tokens: 1_000, completion_tokens: 100, total_tokens: 1_100 };
    // 1000 × 0.15 + 100 × 0.60 = 150 + 60 = 210 micro-USD
    expect(chargeAtAcceptedPrice(accepted, usage)).toEqual({
      model: 'openai/gpt-4o-mini',
      provider: 'openai',
      costMicroUsd: 210,
      priceVersion: 'openai/gpt-4o-mini@2024-07-18',
    });
    const one = { prompt_tokens: 0, completion_tokens: 1, total_tokens: 1 };
    expect(chargeAtAcceptedPrice(accepted, one)?.costMicroUsd).toBe(1);
  });

  it('is null when the replica announced no price', () => {
    const unpriced = { ...accepted, price: undefined };
    const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
    expect(chargeAtAcceptedPrice(unpriced, usage)).toBeNull();
  });
});
