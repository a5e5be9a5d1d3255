import {
  AnthropicMessagesRequestSchema,
  ChatCompletionRequestSchema,
  ChatCompletionSchema,
  type ChatCompletion,
  type Usage,
} from '@conduit/contracts';
import type { Message, MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';
import { toChatRequest } from './messages-request.mapper';
import {
  anthropicMessageId,
  anthropicStopReason,
  anthropicTokenCounts,
  toAnthropicMessage,
  toolInput,
} from './messages-response.mapper';

const usage: Usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };

function completion(
  message: ChatCompletion['choices'][number]['message'],
  finishReason: ChatCompletion['choices'][number]['finish_reason'] = 'stop',
  overrides: Partial<ChatCompletion> = {},
): ChatCompletion {
  return {
    id: 'chatcmpl-abc123',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'openai/gpt-4o-mini',
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage,
    ...overrides,
  };
}

describe('toAnthropicMessage', () => {
  it('maps a text completion', () => {
    const message: Message = toAnthropicMessage(
      completion({ role: 'assistant', content: 'Hello!' }),
    );
    expect(message).toEqual({
      id: 'msg_abc123',
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-4o-mini',
      content: [{ type: 'text', text: 'Hello!', citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 12,
        output_tokens: 5,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        speed: null,
      },
    });
  });

  it('maps tool calls to tool_use blocks after the text, parsing the arguments', () => {
    const message = toAnthropicMessage(
      completion(
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
    );
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking.', citations: null },
      {
        type: 'tool_use',
        id: 'call_1',
        name: 'get_weather',
        input: { city: 'Paris' },
        caller: { type: 'direct' },
      },
      { type: 'tool_use', id: 'call_2', name: 'get_time', input: {}, caller: { type: 'direct' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('leaves out an empty text block', () => {
    for (const content of [null, '']) {
      const message = toAnthropicMessage(
        completion(
          {
            role: 'assistant',
            content,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          'tool_calls',
        ),
      );
      expect(message.content.map((block) => block.type)).toEqual(['tool_use']);
    }
    expect(toAnthropicMessage(completion({ role: 'assistant', content: null })).content).toEqual(
      [],
    );
  });

  it('shows a refusal as text with stop_reason refusal', () => {
    const message = toAnthropicMessage(
      completion(
        { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
        'content_filter',
      ),
    );
    expect(message.content).toEqual([
      { type: 'text', text: 'I cannot help with that.', citations: null },
    ]);
    expect(message.stop_reason).toBe('refusal');
    expect(message.stop_details).toEqual({ type: 'refusal', category: null, explanation: null });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['content_filter', 'refusal'],
    ['function_call', 'tool_use'],
    [null, 'end_turn'],
  ] as const)('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    expect(
      toAnthropicMessage(completion({ role: 'assistant', content: 'x' }, finishReason)),
    ).toMatchObject({ stop_reason: stopReason, stop_sequence: null });
  });

  it('reports tool_use when an upstream says stop (or nothing) but called tools', () => {
    const calls = [
      { id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{}' } },
    ];
    for (const finishReason of ['stop', null] as const) {
      const message = toAnthropicMessage(
        completion({ role: 'assistant', content: null, tool_calls: calls }, finishReason),
      );
      expect(message.stop_reason).toBe('tool_use');
    }
    expect(anthropicStopReason('length', true)).toBe('max_tokens');
  });

  it('takes the model that served, not the one asked for', () => {
    const message = toAnthropicMessage(
      completion({ role: 'assistant', content: 'x' }, 'stop', { model: 'anthropic/claude-x' }),
    );
    expect(message.model).toBe('anthropic/claude-x');
  });
});

describe('anthropicMessageId', () => {
  it.each([
    ['chatcmpl-abc123', 'msg_abc123'],
    ['chatcmpl_abc', 'msg_abc'],
    ['gen-123', 'msg_gen-123'],
    ['msg_01XYZ', 'msg_01XYZ'],
  ])('%s → %s', (source, id) => expect(anthropicMessageId(source)).toBe(id));
});

describe('toolInput', () => {
  it('parses JSON objects; anything else becomes {}', () => {
    expect(toolInput('{"a":{"b":[1,2]}}')).toEqual({ a: { b: [1, 2] } });
    expect(toolInput('')).toEqual({});
    expect(toolInput('{"a":')).toEqual({});
    expect(toolInput('null')).toEqual({});
    expect(toolInput('[1]')).toEqual({});
    expect(toolInput('"text"')).toEqual({});
  });
});

describe('anthropicTokenCounts', () => {
  it('takes cache reads and writes out of prompt_tokens', () => {
    expect(
      anthropicTokenCounts({
        prompt_tokens: 1000,
        completion_tokens: 50,
        total_tokens: 1050,
        prompt_tokens_details: { cached_tokens: 600, cache_creation_tokens: 300 },
      }),
    ).toEqual({
      input_tokens: 100,
      output_tokens: 50,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 300,
    });
  });

  it('treats missing details as zero', () => {
    expect(anthropicTokenCounts({ ...usage, prompt_tokens_details: null })).toEqual({
      input_tokens: 12,
      output_tokens: 5,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    expect(anthropicTokenCounts({ ...usage, prompt_tokens_details: {} }).input_tokens).toBe(12);
  });

  it('never goes negative when an upstream over-reports cached tokens', () => {
    expect(
      anthropicTokenCounts({
        prompt_tokens: 100,
        completion_tokens: 1,
        total_tokens: 101,
        prompt_tokens_details: { cached_tokens: 80, cache_creation_tokens: 50 },
      }),
    ).toEqual({
      input_tokens: 0,
      output_tokens: 1,
      cache_read_input_tokens: 80,
      cache_creation_input_tokens: 20,
    });
    expect(
      anthropicTokenCounts({
        ...usage,
        prompt_tokens_details: { cached_tokens: 500, cache_creation_tokens: -3 },
      }),
    ).toEqual({
      input_tokens: 0,
      output_tokens: 5,
      cache_read_input_tokens: 12,
      cache_creation_input_tokens: 0,
    });
  });
});

describe('round trip: Anthropic request → OpenAI → Anthropic message', () => {
  it('serves a tool-using conversation', () => {
    // SDK 1.12 types no longer have sampling parameters; older clients and raw HTTP still send them.
    const request: MessageCreateParams & { temperature?: number } = {
      model: 'openai/gpt-4o',
      max_tokens: 1024,
      system: [
        { type: 'text', text: 'You are a travel assistant.', cache_control: { type: 'ephemeral' } },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather in a city',
          input_schema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [
        { role: 'user', content: 'Should I pack an umbrella for Paris and Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check Paris.' },
            { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_paris', content: 'Rain, 14°C' }],
        },
      ],
      metadata: { user_id: 'traveller-7' },
      temperature: 0.3,
    };

    const chat = toChatRequest(AnthropicMessagesRequestSchema.parse(request));
    expect(ChatCompletionRequestSchema.parse(chat)).toEqual(chat);
    expect(chat).toEqual({
      model: 'openai/gpt-4o',
      max_tokens: 1024,
      temperature: 0.3,
      user: 'traveller-7',
      tool_choice: 'auto',
      parallel_tool_calls: false,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather in a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        },
      ],
      messages: [
        // cache_control travels on; the llm service strips it for OpenAI-compatible upstreams.
        {
          role: 'system',
          content: [
            {
              type: 'text',
              text: 'You are a travel assistant.',
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        { role: 'user', content: 'Should I pack an umbrella for Paris and Oslo?' },
        {
          role: 'assistant',
          content: 'Let me check Paris.',
          tool_calls: [
            {
              id: 'call_paris',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_paris', content: 'Rain, 14°C' },
      ],
    });

    // What an OpenAI-compatible upstream answers, as the llm service returns it.
    const upstream = ChatCompletionSchema.parse({
      id: 'chatcmpl-9xYz',
      object: 'chat.completion',
      created: 1_700_000_123,
      model: 'openai/gpt-4o',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Paris is rainy. Now Oslo.',
            tool_calls: [
              {
                id: 'call_oslo',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 230,
        completion_tokens: 21,
        total_tokens: 251,
        prompt_tokens_details: { cached_tokens: 200 },
      },
    });

    const message = toAnthropicMessage(upstream);
    expect(message).toMatchObject({
      id: 'msg_9xYz',
      model: 'openai/gpt-4o',
      role: 'assistant',
      stop_reason: 'tool_use',
      content: [
        { type: 'text', text: 'Paris is rainy. Now Oslo.' },
        { type: 'tool_use', id: 'call_oslo', name: 'get_weather', input: { city: 'Oslo' } },
      ],
      usage: {
        input_tokens: 30,
        output_tokens: 21,
        cache_read_input_tokens: 200,
        cache_creation_input_tokens: 0,
      },
    });

    // The client appends the response and its tool result: the next request maps cleanly too.
    const next = toChatRequest(
      AnthropicMessagesRequestSchema.parse({
        ...request,
        messages: [
          ...request.messages,
          { role: message.role, content: message.content },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'call_oslo', content: 'Snow, -2°C' }],
          },
        ],
      }),
    );
    expect(ChatCompletionRequestSchema.safeParse(next).success).toBe(true);
    expect(next.messages.slice(-2)).toEqual([
      {
        role: 'assistant',
        content: 'Paris is rainy. Now Oslo.',
        tool_calls: [
          {
            id: 'call_oslo',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_oslo', content: 'Snow, -2°C' },
    ]);
  });
});
