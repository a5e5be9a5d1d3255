import type { ChatCompletionRequest } from '@conduit/contracts';
import { PromptSize } from './prompt-size';
import { fitRequest, type ModelLimits } from './request-fit';

const model: ModelLimits = {
  id: 'm',
  contextWindow: 1000,
  maxOutputTokens: 100,
  policy: { maxTokensPolicy: 'reject' },
};
const ask = (
  content: string,
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'm',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('fitRequest with a lazily counted prompt', () => {
  it('lets a short prompt through with the model output limit as the cap', () => {
    expect(fitRequest(model, ask('hi'), new PromptSize(ask('hi')))).toMatchObject({
      maxOutputTokens: 100,
    });
  });

  it('counts exactly when the bound is too close to the window, and still admits what fits', () => {
    // ~900 bytes but far fewer tokens: the bound does not fit, the exact count does.
    const text = 'hello '.repeat(150);
    const fitted = fitRequest(model, ask(text), new PromptSize(ask(text)));
    expect(fitted.maxOutputTokens).toBe(100);
  });

  it('refuses what does not fit, with the exact counts', () => {
    const text = 'hello '.repeat(1000);
    expect(() => fitRequest(model, ask(text), new PromptSize(ask(text)))).toThrow(
      /maximum context length is 1000 tokens/,
    );
  });

  it('leaves room the window allows when the prompt is long and no cap was asked', () => {
    const text = 'hello '.repeat(950);
    const size = new PromptSize(ask(text));
    expect(fitRequest(model, ask(text), size).maxOutputTokens).toBe(1000 - size.exact());
  });
});
