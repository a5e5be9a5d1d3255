import { ValidationError, type ChatCompletionRequest } from '@conduit/contracts';
import { toProviderRequest } from './anthropic-request.mapper';

const MODEL = 'claude-sonnet-4-5-20250929';

function request(overrides: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return {
    model: 'anthropic/claude-sonnet-4-5',
    messages: [{ role: 'user', content: 'hi' }],
    ...overrides,
  };
}

function map(overrides: Partial<ChatCompletionRequest> = {}, maxOutputTokens = 1024) {
  return toProviderRequest(request(overrides), MODEL, maxOutputTokens, false);
}

function rejection(overrides: Partial<ChatCompletionRequest>): ValidationError {
  try {
    map(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('anthropic request mapper', () => {
  it('addresses the upstream model with the output cap in effect, streaming or not', () => {
    const body = toProviderRequest(
      request({ max_tokens: 10, max_completion_tokens: 20, conduit: { include_cost: true } }),
      MODEL,
      20,
      false,
    );
    expect(body).toEqual({
      model: MODEL,
      max_tokens: 20,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: false,
    });
    expect(toProviderRequest(request({ stream: true }), MODEL, 64, true)).toMatchObject({
      stream: true,
      max_tokens: 64,
    });
  });

  it('lifts system and developer messages, in order, into the top-level system', () => {
    const body = map({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'system', content: '' },
      ],
    });
    expect(body.system).toEqual([
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('merges consecutive messages of one role so the turns alternate', () => {
    const body = map({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: 'three' },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'four' }] },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'five' },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'three' },
          { type: 'text', text: 'four' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'five' }] },
    ]);
  });

  it('sends tool calls as tool_use and tool results as a user turn, results first', () => {
    const body = map({
      messages: [
        { role: 'user', content: 'Weather in SF and Paris?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"SF"}' },
            },
            { id: 'toolu_2', type: 'function', function: { name: 'list_files', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
        { role: 'user', content: 'And be brief.' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: 'a.txt' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in SF and Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'SF' } },
          { type: 'tool_use', id: 'toolu_2', name: 'list_files', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [{ type: 'text', text: '18°C' }],
          },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_2',
            content: [{ type: 'text', text: 'a.txt' }],
          },
          { type: 'text', text: 'And be brief.' },
        ],
      },
    ]);
  });

  it.each([
    ['invalid JSON', '{"location": '],
    ['a JSON array', '[1, 2]'],
  ])('rejects tool call arguments that are %s, naming them', (_name, args) => {
    const error = rejection({
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
            { id: 'b', type: 'function', function: { name: 'f', arguments: args } },
          ],
        },
      ],
    });
    expect(error.param).toBe('messages[1].tool_calls[1].function.arguments');
  });

  it('sends data-URL images as base64 and http(s) images by URL', () => {
    const body = map({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            {
              type: 'image_url',
              image_url: { url: 'https://example.com/cat.jpg', detail: 'high' },
            },
          ],
        },
      ],
    });
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'Compare these.' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it.each([
    ['an unsupported image type', 'data:image/bmp;base64,Qk0='],
    ['a data URL that is not base64', 'data:image/png,rawbytes'],
    ['another URL scheme', 'ftp://example.com/cat.jpg'],
  ])('rejects %s, naming the URL', (_name, url) => {
    const error = rejection({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'yes?' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
      ],
    });
    expect(error.param).toBe('messages[2].content[0].image_url.url');
  });

  it.each([
    [
      'audio',
      { type: 'input_audio' as const, input_audio: { data: 'AAAA', format: 'wav' as const } },
    ],
    ['files', { type: 'file' as const, file: { file_id: 'file-1' } }],
  ])('rejects %s input, naming the content part', (_name, part) => {
    const error = rejection({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'listen' }, part] }],
    });
    expect(error.param).toBe('messages[0].content[1]');
    expect(error.message).toMatch(/not supported by anthropic models/);
  });

  it('maps stop, user and drops the parameters without an Anthropic equivalent', () => {
    const body = map({
      stop: 'END',
      user: 'user-42',
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      store: true,
      metadata: { team: 'a' },
      service_tier: 'flex',
      reasoning_effort: 'high',
      logprobs: false,
      top_logprobs: 0,
      logit_bias: {},
      n: 1,
    });
    expect(body).toEqual({
      model: MODEL,
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      stream: false,
    });
    expect(map({ stop: ['a', 'b'] }).stop_sequences).toEqual(['a', 'b']);
  });

  it('drops the speed, caching and style hints of newer OpenAI clients', () => {
    const body = toProviderRequest(
      request({
        prediction: { type: 'content', content: 'the expected answer' },
        prompt_cache_key: 'tenant-a',
        prompt_cache_retention: '24h',
        prompt_cache_options: { mode: 'explicit' },
        verbosity: 'low',
        modalities: ['text'],
        stream: true,
        stream_options: { include_usage: true, include_obfuscation: false },
      }),
      MODEL,
      1024,
      true,
    );
    expect(body).toEqual({
      model: MODEL,
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: true,
    });
  });

  it('sends safety_identifier as the end user, before the older user field', () => {
    expect(map({ safety_identifier: 'hash-1' }).metadata).toEqual({ user_id: 'hash-1' });
    expect(map({ safety_identifier: 'hash-1', user: 'u' }).metadata).toEqual({
      user_id: 'hash-1',
    });
  });

  it.each([
    ['temperature above 1', { temperature: 1.5 }, 'temperature'],
    ['n > 1', { n: 2 }, 'n'],
    ['logprobs', { logprobs: true }, 'logprobs'],
    ['top_logprobs', { top_logprobs: 3 }, 'top_logprobs'],
    ['logit_bias', { logit_bias: { '50256': -100 } }, 'logit_bias'],
    ['audio output by modalities', { modalities: ['text', 'audio'] }, 'modalities'],
    ['audio output', { audio: { format: 'wav', voice: 'alloy' } }, 'audio'],
    ['web search', { web_search_options: {} }, 'web_search_options'],
    ['OpenAI moderation', { moderation: { model: 'omni-moderation-latest' } }, 'moderation'],
    ['legacy functions', { functions: [{ name: 'lookup' }] }, 'functions'],
    ['legacy function_call', { function_call: 'auto' }, 'function_call'],
    [
      'a legacy function message',
      { messages: [{ role: 'function', name: 'lookup', content: '42' }] },
      'messages[0]',
    ],
    [
      'a legacy assistant function_call',
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } },
        ],
      },
      'messages[1].function_call',
    ],
    [
      'response_format json_object',
      { response_format: { type: 'json_object' } },
      'response_format',
    ],
    [
      'response_format json_schema without a schema',
      { response_format: { type: 'json_schema', json_schema: { name: 'x' } } },
      'response_format.json_schema.schema',
    ],
  ] as [string, Partial<ChatCompletionRequest>, string][])(
    'rejects %s, naming the parameter',
    (_name, overrides, param) => {
      expect(rejection(overrides).param).toBe(param);
    },
  );

  it('maps tools, with an empty object schema for a tool without parameters', () => {
    const body = map({
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' } },
              required: ['location'],
            },
            strict: true,
          },
        },
        { type: 'function', function: { name: 'list_files' } },
      ],
    });
    expect(body.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather',
        input_schema: {
          type: 'object',
          properties: { location: { type: 'string' } },
          required: ['location'],
        },
        strict: true,
      },
      { name: 'list_files', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'auto' });
  });

  it.each([
    ['auto', undefined, { type: 'auto' }],
    ['auto', false, { type: 'auto', disable_parallel_tool_use: true }],
    ['required', undefined, { type: 'any' }],
    ['required', false, { type: 'any', disable_parallel_tool_use: true }],
    ['none', false, { type: 'none' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [
      { type: 'function', function: { name: 'f' } },
      false,
      { type: 'tool', name: 'f', disable_parallel_tool_use: true },
    ],
    [{ type: 'function', function: { name: 'f' } }, true, { type: 'tool', name: 'f' }],
  ] as [ChatCompletionRequest['tool_choice'], boolean | undefined, object][])(
    'maps tool_choice %j with parallel_tool_calls %s',
    (tool_choice, parallel_tool_calls, expected) => {
      const body = map({
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice,
        parallel_tool_calls,
      });
      expect(body.tool_choice).toEqual(expected);
    },
  );

  it('sends no tool_choice without tools', () => {
    const body = map({ tool_choice: 'none', parallel_tool_calls: false });
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('tools');
  });

  it('maps response_format json_schema to structured outputs and ignores text', () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
      additionalProperties: false,
    };
    expect(
      map({
        response_format: { type: 'json_schema', json_schema: { name: 'a', schema, strict: true } },
      }).output_config,
    ).toEqual({ format: { type: 'json_schema', schema } });
    expect(map({ response_format: { type: 'text' } })).not.toHaveProperty('output_config');
  });
});
