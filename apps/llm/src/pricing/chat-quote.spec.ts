import { ContextLengthExceededError, type ChatCompletionRequest } from '@conduit/contracts';
import { quoteChat } from './chat-quote';
import type { PricedModel } from './model-pricing';

const model: PricedModel = {
  id: 'local/echo',
  provider: { name: 'local' },
  contextWindow: 1000,
  maxOutputTokens: 100,
  prices: [
    { effectiveFrom: '2025-01-01', inputMicroUsdPerMTok: 10e6, outputMicroUsdPerMTok: 30e6 },
    { effectiveFrom: '2099-01-01', inputMicroUsdPerMTok: 1, outputMicroUsdPerMTok: 1 },
  ],
};
const now = new Date('2026-01-01T00:00:00Z');
// 'Hello world' as one user message is 9 prompt tokens (see the token counter's tests).
const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'local/echo',
  messages: [{ role: 'user', content: 'Hello world' }],
  ...extra,
});

describe('quoteChat', () => {
  it('prices the counted input plus the model output limit when max_tokens is not set', () => {
    // 9 × 10 + 100 × 30 = 90 + 3000 micro-USD
    expect(quoteChat(model, ask(), now)).toEqual({
      model: 'local/echo',
      provider: 'local',
      inputTokens: 9,
      maxOutputTokens: 100,
      worstCaseMicroUsd: 3090,
      priceVersion: 'local/echo@2025-01-01',
    });
  });

  it('takes max_tokens or max_completion_tokens, for each of the n choices', () => {
    // 9 × 10 + 3 × 20 × 30 = 90 + 1800
    expect(quoteChat(model, ask({ max_tokens: 20, n: 3 }), now)).toMatchObject({
      maxOutputTokens: 60,
      worstCaseMicroUsd: 1890,
    });
    expect(quoteChat(model, ask({ max_completion_tokens: 7 }), now).maxOutputTokens).toBe(7);
  });

  it('never expects more output than the window leaves room for', () => {
    expect(quoteChat({ ...model, contextWindow: 50 }, ask(), now).maxOutputTokens).toBe(41);
  });

  it('counts tool definitions as input', () => {
    const withTools = ask({
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    });
    expect(quoteChat(model, withTools, now).inputTokens).toBeGreaterThan(9);
  });

  it('refuses a request that cannot fit the context window, with the counts', () => {
    const tooLong = () => quoteChat(model, ask({ max_tokens: 992 }), now);
    expect(tooLong).toThrow(ContextLengthExceededError);
    expect(tooLong).toThrow(
      "This model's maximum context length is 1000 tokens. However, you requested 1001 tokens (9 in the messages, 992 in the completion).",
    );
    try {
      tooLong();
    } catch (error) {
      expect((error as ContextLengthExceededError).details).toEqual({
        context_window: 1000,
        input_tokens: 9,
        max_output_tokens: 992,
      });
    }
    expect(quoteChat(model, ask({ max_tokens: 991 }), now).maxOutputTokens).toBe(991);
    // A prompt that fills the window leaves no room for any answer.
    expect(() => quoteChat({ ...model, contextWindow: 9 }, ask(), now)).toThrow(
      ContextLengthExceededError,
    );
  });
});
