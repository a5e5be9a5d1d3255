import {
  AnthropicMessagesRequestSchema,
  ChatCompletionRequestSchema,
  ValidationError,
  type AnthropicMessagesRequest,
  type ChatCompletionRequest,
} from '@conduit/contracts';
import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';
import { toChatRequest } from './messages-request.mapper';

/** Parses like the controller will, then maps; the result must be a valid OpenAI request. */
function map(body: MessageCreateParams | Record<string, unknown>): ChatCompletionRequest {
  const chat = toChatRequest(AnthropicMessagesRequestSchema.parse(body));
  expect(ChatCompletionRequestSchema.safeParse(chat).error).toBeUndefined();
  return chat;
}

function mapError(body: Record<string, unknown>): ValidationError {
  try {
    toChatRequest(AnthropicMessagesRequestSchema.parse(body));
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const base = {
  model: 'openai/gpt-4o-mini',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

describe('toChatRequest', () => {
  it('maps a minimal request: model, max_tokens and a string user turn', () => {
    expect(map(base)).toEqual({
      model: 'openai/gpt-4o-mini',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('puts the system prompt first: a string as is, text blocks joined by a blank line', () => {
    expect(map({ ...base, system: 'Be brief.' }).messages[0]).toEqual({
      role: 'system',
      content: 'Be brief.',
    });
    const blocks = map({
      ...base,
      system: [
        { type: 'text', text: 'You are a helper.' },
        { type: 'text', text: 'Be brief.' },
      ],
    });
    expect(blocks.messages).toEqual([
      { role: 'system', content: 'You are a helper.\n\nBe brief.' },
      { role: 'user', content: 'Hello' },
    ]);
    // A prompt-cache breakpoint keeps the blocks apart, so it stays where the caller put it.
    const cached = map({
      ...base,
      system: [
        { type: 'text', text: 'You are a helper.' },
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(cached.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are a helper.' },
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(map({ ...base, system: '' }).messages).toHaveLength(1);
    expect(map({ ...base, system: [] }).messages).toHaveLength(1);
  });

  it('maps user text and image blocks to content parts (base64 as a data URL)', () => {
    const chat = map({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.', cache_control: { type: 'ephemeral' } },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.', cache_control: { type: 'ephemeral' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('maps assistant text and tool_use to content and tool_calls, dropping thinking', () => {
    const chat = map({
      ...base,
      messages: [
        ...base.messages,
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'The user wants weather.', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
          ],
        },
      ],
    });
    expect(chat.messages[1]).toEqual({
      role: 'assistant',
      content: 'Let me check.',
      tool_calls: [
        {
          id: 'toolu_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
      ],
    });
  });

  it('maps assistant turns without tool use to plain content (null when only tools)', () => {
    const chat = map({
      ...base,
      messages: [
        ...base.messages,
        { role: 'assistant', content: 'Hi!' },
        { role: 'user', content: 'More' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'One.' },
            { type: 'text', text: 'Two.' },
          ],
        },
        { role: 'user', content: 'Tools' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' }] },
      ],
    });
    expect(chat.messages[1]).toEqual({ role: 'assistant', content: 'Hi!' });
    expect(chat.messages[3]).toEqual({ role: 'assistant', content: 'One.\n\nTwo.' });
    expect(chat.messages[5]).toMatchObject({ role: 'assistant', content: null });
    expect(chat.messages[7]).toEqual({ role: 'assistant', content: '' });
  });

  it('turns tool_result blocks into tool messages placed before the rest of the user turn', () => {
    const chat = map({
      ...base,
      messages: [
        ...base.messages,
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Oslo' } },
            { type: 'tool_use', id: 'toolu_3', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here you go:' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C, sunny' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [
                { type: 'text', text: '4°C' },
                { type: 'text', text: 'snow' },
              ],
            },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_3',
              content: 'city not found',
              is_error: true,
            },
          ],
        },
      ],
    });
    expect(chat.messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C, sunny' },
      { role: 'tool', tool_call_id: 'toolu_2', content: '4°C\n\nsnow' },
      { role: 'tool', tool_call_id: 'toolu_3', content: 'Error: city not found' },
      { role: 'user', content: [{ type: 'text', text: 'Here you go:' }] },
    ]);
  });

  it('maps a user turn of tool results only to tool messages, and empty results to ""', () => {
    const chat = map({
      ...base,
      messages: [
        ...base.messages,
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't' }] },
      ],
    });
    expect(chat.messages.slice(2)).toEqual([{ role: 'tool', tool_call_id: 't', content: '' }]);
  });

  it('passes sampling parameters and maps stop_sequences to stop', () => {
    expect(
      map({ ...base, temperature: 0.2, top_p: 0.8, stop_sequences: ['END', '###'] }),
    ).toMatchObject({ temperature: 0.2, top_p: 0.8, stop: ['END', '###'] });
    expect(map({ ...base, stop_sequences: [] })).not.toHaveProperty('stop');
  });

  it('maps tools to function tools, input_schema to parameters', () => {
    const schema = {
      type: 'object' as const,
      properties: { city: { type: 'string' } },
      required: ['city'],
    };
    const chat = map({
      ...base,
      tools: [
        { name: 'get_weather', description: 'Weather now', input_schema: schema, strict: true },
        { name: 'ping', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather now',
          parameters: schema,
          strict: true,
        },
      },
      { type: 'function', function: { name: 'ping', parameters: { type: 'object' } } },
    ]);
  });

  it.each<[AnthropicMessagesRequest['tool_choice'], Partial<ChatCompletionRequest>]>([
    [{ type: 'auto' }, { tool_choice: 'auto' }],
    [{ type: 'any' }, { tool_choice: 'required' }],
    [{ type: 'none' }, { tool_choice: 'none' }],
    [
      { type: 'tool', name: 'get_weather' },
      { tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    ],
    [
      { type: 'auto', disable_parallel_tool_use: true },
      { tool_choice: 'auto', parallel_tool_calls: false },
    ],
    [
      { type: 'any', disable_parallel_tool_use: true },
      { tool_choice: 'required', parallel_tool_calls: false },
    ],
    [
      { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      {
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        parallel_tool_calls: false,
      },
    ],
  ])('maps tool_choice %j', (toolChoice, expected) => {
    const chat = map({
      ...base,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      tool_choice: toolChoice,
    });
    expect(chat).toMatchObject(expected);
    if (!('parallel_tool_calls' in expected))
      expect(chat).not.toHaveProperty('parallel_tool_calls');
  });

  it('leaves parallel tool calls alone when disable_parallel_tool_use is false', () => {
    const chat = map({
      ...base,
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: false },
    });
    expect(chat).not.toHaveProperty('parallel_tool_calls');
  });

  it('maps metadata.user_id to user', () => {
    expect(map({ ...base, metadata: { user_id: 'user-42' } }).user).toBe('user-42');
    expect(map({ ...base, metadata: { user_id: null } })).not.toHaveProperty('user');
    expect(map({ ...base, metadata: {} })).not.toHaveProperty('user');
  });

  it('asks for a stream with usage when stream is true', () => {
    expect(map({ ...base, stream: true })).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    const nonStream = map({ ...base, stream: false });
    expect(nonStream).not.toHaveProperty('stream');
    expect(nonStream).not.toHaveProperty('stream_options');
  });

  it('ignores what only steers Anthropic serving: cache_control, service_tier, thinking disabled', () => {
    expect(
      map({
        ...base,
        service_tier: 'standard_only',
        cache_control: { type: 'ephemeral' },
        thinking: { type: 'disabled' },
      }),
    ).toEqual(map(base));
  });

  it.each([
    ['top_k', { top_k: 40 }],
    ['thinking', { thinking: { type: 'enabled', budget_tokens: 1024 } }],
    ['thinking', { thinking: { type: 'adaptive' } }],
  ])('refuses %s as unsupported, naming it', (param, extra) => {
    const error = mapError({ ...base, ...extra });
    expect(error.param).toBe(param);
    expect(error.code).toBe('unsupported_parameter');
    expect(error.message).toBe(`${param} is not supported by Conduit's /v1/messages.`);
  });

  it('refuses more than 4 stop_sequences, naming stop_sequences', () => {
    expect(map({ ...base, stop_sequences: ['a', 'b', 'c', 'd'] }).stop).toHaveLength(4);
    const error = mapError({ ...base, stop_sequences: ['a', 'b', 'c', 'd', 'e'] });
    expect(error.param).toBe('stop_sequences');
    expect(error.message).toMatch(/At most 4 stop_sequences/);
  });
});
