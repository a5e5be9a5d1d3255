import { ContextLengthExceededError, type ChatCompletionRequest } from '@conduit/contracts';
import { quoteChain, quoteChat } from './chat-quote';
import type { QuotableModel } from './chat-quote';

const model: QuotableModel = {
  id: 'local/echo',
  policy: { maxTokensPolicy: 'reject' },
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
    const roomy = { ...model, maxOutputTokens: 2000 };
    const tooLong = () => quoteChat(roomy, ask({ max_tokens: 992 }), now);
    expect(tooLong).toThrow(ContextLengthExceededError);
    expect(tooLong).toThrow(
      "This model's maximum context length is 1000 tokens. However, you requested 1001 tokens (9 in the messages, 992 in the completion).",
    );
    try {
      tooLong();
    } catch (error) {
      expect((error as ContextLengthExceededError).details).toEqual({
        model: 'local/echo',
        context_window: 1000,
        input_tokens: 9,
        max_output_tokens: 992,
      });
    }
    expect(quoteChat(roomy, ask({ max_tokens: 991 }), now).maxOutputTokens).toBe(991);
    // A prompt that fills the window leaves no room for any answer.
    expect(() => quoteChat({ ...model, contextWindow: 9 }, ask(), now)).toThrow(
      ContextLengthExceededError,
    );
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('max_tokens above the output limit', () => {
  it('is refused with the limit, naming the field the caller used', () => {
    expect(
      thrownBy(() => quoteChat(model, ask({ max_completion_tokens: 101 }), now)),
    ).toMatchObject({
      type: 'validation_error',
      code: 'max_tokens_too_large',
      param: 'max_completion_tokens',
    });
  });

  it('is lowered to the limit when the model clamps', () => {
    const clamping: QuotableModel = { ...model, policy: { maxTokensPolicy: 'clamp' } };
    expect(quoteChat(clamping, ask({ max_tokens: 5000 }), now).maxOutputTokens).toBe(100);
  });
});

describe('quoteChain', () => {
  const dear: QuotableModel = {
    ...model,
    id: 'dear/model',
    prices: [
      { effectiveFrom: '2025-01-01', inputMicroUsdPerMTok: 100e6, outputMicroUsdPerMTok: 300e6 },
    ],
  };

  it('holds the worst case of every model the request may be served by, under the asked model', () => {
    const quote = quoteChain([model, dear], ask({ max_tokens: 10 }), now);
    // dear: 9 × 100 + 10 × 300 = 3900
    expect(quote).toMatchObject({
      model: 'local/echo',
      worstCaseMicroUsd: 3900,
      priceVersion: 'dear/model@2025-01-01',
    });
  });

  it('skips a fallback the request does not fit, and fails as the first model when none fits', () => {
    const tiny: QuotableModel = { ...dear, contextWindow: 5 };
    expect(quoteChain([model, tiny], ask(), now).worstCaseMicroUsd).toBe(3090);
    expect(
      thrownBy(() => quoteChain([{ ...model, contextWindow: 5 }, tiny], ask(), now)),
    ).toMatchObject({ type: 'context_length_exceeded', details: { model: 'local/echo' } });
  });
});
