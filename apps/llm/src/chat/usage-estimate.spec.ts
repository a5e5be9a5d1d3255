import { countTextTokens } from '@conduit/tokens';
import { estimateUsage, generatedText } from './usage-estimate';

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hello world' }] };

describe('usage estimate', () => {
  it('counts the prompt and every generated text', async () => {
    expect(await estimateUsage(request, ['Hello world', 'Hello'])).toEqual({
      prompt_tokens: 9,
      completion_tokens: 3,
      total_tokens: 12,
    });
  });

  it('counts a prompt that produced nothing yet', async () => {
    expect(await estimateUsage(request, [])).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 0,
    });
  });

  it('treats tool calls and refusals as generated output, not just content', async () => {
    const text = generatedText({
      content: null,
      refusal: 'no',
      tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    });
    expect(text).toBe('noget_weather{"city":"Paris"}');
    expect((await estimateUsage(request, [text])).completion_tokens).toBe(countTextTokens(text));
    expect(generatedText({ tool_calls: [{}] })).toBe('');
  });
});
