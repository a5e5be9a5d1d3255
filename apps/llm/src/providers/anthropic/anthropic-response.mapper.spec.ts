import { ChatCompletionSchema, ProviderError } from '@conduit/contracts';
import type { Message, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toChatCompletion, toFinishReason, toUsage } from './anthropic-response.mapper';

function fixture(name: string): Message {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Message;
}

describe('anthropic response mapper', () => {
  it('maps a text message to an OpenAI completion with an id and time of ours', () => {
    const before = Math.floor(Date.now() / 1000);
    const completion = toChatCompletion(fixture('message-text.json'), 'anthropic');
    expect(ChatCompletionSchema.safeParse(completion).success).toBe(true);
    expect(completion.id).toMatch(/^chatcmpl-[\w-]{29}$/);
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I help you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 11,
        total_tokens: 23,
        prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
      },
    });
    expect(completion.choices[0]?.message).not.toHaveProperty('tool_calls');
  });

  it('maps tool_use blocks to tool calls beside the text', () => {
    const completion = toChatCompletion(fixture('message-tool-use.json'), 'anthropic');
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: "I'll check the weather in both cities.",
        tool_calls: [
          {
            id: 'toolu_01A09q90qw90lq917835lq9',
            type: 'function',
            function: {
              name: 'get_weather',
              arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
            },
          },
          {
            id: 'toolu_01B7dRyb1cWDn5fCvtLsR4FZ',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' },
          },
        ],
      },
    });
    // Null cache counts are zero.
    expect(completion.usage).toMatchObject({ prompt_tokens: 472, total_tokens: 593 });
  });

  it('gives null content when the answer is only tool calls', () => {
    const message = toChatCompletion(fixture('message-tool-use-only.json'), 'anthropic').choices[0]
      ?.message;
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      {
        id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
        type: 'function',
        function: { name: 'list_files', arguments: '{}' },
      },
    ]);
  });

  it('drops thinking, joins text blocks and counts cached prompt tokens', () => {
    const completion = toChatCompletion(fixture('message-cache-thinking.json'), 'anthropic');
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: {
        content:
          "The contract can be ended with 30 days' notice; liability is capped at the fees paid.",
      },
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 21 + 1200 + 188086,
      completion_tokens: 393,
      total_tokens: 21 + 1200 + 188086 + 393,
      prompt_tokens_details: { cached_tokens: 1200, cache_creation_tokens: 188086 },
      completion_tokens_details: { reasoning_tokens: 120 },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
    ['some_future_reason', 'stop'],
  ])('maps stop_reason %s to %s', (stopReason, finishReason) => {
    expect(toFinishReason(stopReason as StopReason)).toBe(finishReason);
  });

  it('counts missing usage fields as zero', () => {
    expect(toUsage({ output_tokens: 3 })).toEqual({
      prompt_tokens: 0,
      completion_tokens: 3,
      total_tokens: 3,
      prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
    });
  });

  it('rejects a malformed message as a provider error', () => {
    const malformed = { ...fixture('message-text.json'), content: 'nope' } as unknown as Message;
    expect(() => toChatCompletion(malformed, 'anthropic')).toThrow(ProviderError);
    expect(() => toChatCompletion(malformed, 'anthropic')).toThrow(/malformed completion/);
  });
});
