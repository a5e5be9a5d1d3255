import { formatZodIssue } from '../errors/zod-issue.format';
import { AnthropicMessagesRequestSchema } from './anthropic-messages.schemas';

function issueOf(body: unknown) {
  const result = AnthropicMessagesRequestSchema.safeParse(body);
  if (result.success) throw new Error('expected the request to be rejected');
  return formatZodIssue(result.error);
}

const valid = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello' }],
};

describe('AnthropicMessagesRequestSchema', () => {
  it('accepts a minimal request unchanged', () => {
    expect(AnthropicMessagesRequestSchema.parse(valid)).toEqual(valid);
  });

  it('accepts every supported field and block', () => {
    const full = {
      ...valid,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'What is in these?',
              cache_control: { type: 'ephemeral', ttl: '1h' },
            },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Let me look.', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'cat' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'a cat', is_error: false },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'x' }] },
            { type: 'tool_result', tool_use_id: 'toolu_1' },
          ],
        },
      ],
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 5,
      tools: [
        {
          name: 'lookup',
          description: 'Look something up',
          input_schema: { type: 'object', properties: { q: { type: 'string' } } },
          cache_control: { type: 'ephemeral' },
        },
      ],
      tool_choice: { type: 'tool', name: 'lookup', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-42' },
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      service_tier: 'auto',
      cache_control: { type: 'ephemeral' },
    };
    expect(AnthropicMessagesRequestSchema.safeParse(full).success).toBe(true);
    for (const choice of [{ type: 'auto' }, { type: 'any' }, { type: 'none' }]) {
      expect(
        AnthropicMessagesRequestSchema.safeParse({ ...valid, tool_choice: choice }).success,
      ).toBe(true);
    }
  });

  it('strips response-only fields of a replayed assistant turn', () => {
    const replayed = {
      ...valid,
      messages: [
        ...valid.messages,
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Hi', citations: null },
            { type: 'tool_use', id: 't', name: 'f', input: {}, caller: { type: 'direct' } },
          ],
        },
      ],
    };
    const parsed = AnthropicMessagesRequestSchema.parse(replayed);
    expect(parsed.messages[1]?.content).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
    ]);
  });

  it.each([
    ['unknown top-level argument', { ...valid, frobnicate: 1 }, 'frobnicate', /Unrecognized/],
    ['no max_tokens', { model: 'm', messages: valid.messages }, 'max_tokens', /Missing required/],
    ['max_tokens 0', { ...valid, max_tokens: 0 }, 'max_tokens', /Invalid value/],
    ['fractional max_tokens', { ...valid, max_tokens: 1.5 }, 'max_tokens', /int/i],
    ['empty model', { ...valid, model: '' }, 'model', /a model name is required/],
    ['empty messages', { ...valid, messages: [] }, 'messages', /at least one message/],
    [
      'system role in messages',
      { ...valid, messages: [{ role: 'system', content: 'x' }] },
      'messages[0].role',
      /Invalid/,
    ],
    [
      'a message without content',
      { ...valid, messages: [{ role: 'user' }] },
      'messages[0].content',
      /Missing required parameter/,
    ],
    [
      'numeric content',
      { ...valid, messages: [{ role: 'user', content: 7 }] },
      'messages[0].content',
      /Invalid type/,
    ],
    [
      'a bad block among good ones',
      {
        ...valid,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'ok' },
              { type: 'image', source: { type: 'file', file_id: 'f' } },
            ],
          },
        ],
      },
      'messages[0].content[1].source.type',
      /Invalid/,
    ],
    [
      'system blocks of the wrong kind',
      { ...valid, system: [{ type: 'image' }] },
      'system[0].type',
      /Invalid/,
    ],
    [
      'empty user block list',
      { ...valid, messages: [{ role: 'user', content: [] }] },
      'messages[0].content',
      /Invalid/,
    ],
    [
      'tool_use in a user turn',
      {
        ...valid,
        messages: [
          { role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] },
        ],
      },
      'messages[0].content[0].type',
      /Invalid/,
    ],
    [
      'tool_result in an assistant turn',
      {
        ...valid,
        messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'a' }] }],
      },
      'messages[0].content[0].type',
      /Invalid/,
    ],
    [
      'thinking in a user turn',
      { ...valid, messages: [{ role: 'user', content: [{ type: 'thinking', thinking: 'x' }] }] },
      'messages[0].content[0].type',
      /Invalid/,
    ],
    [
      'document block',
      {
        ...valid,
        messages: [
          { role: 'user', content: [{ type: 'document', source: { type: 'text', data: 'x' } }] },
        ],
      },
      'messages[0].content[0].type',
      /Invalid/,
    ],
    [
      'unsupported image type',
      {
        ...valid,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } },
            ],
          },
        ],
      },
      'messages[0].content[0].source.media_type',
      /Invalid/,
    ],
    [
      'image in a tool result',
      {
        ...valid,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'a',
                content: [{ type: 'image', source: { type: 'url', url: 'https://x' } }],
              },
            ],
          },
        ],
      },
      'messages[0].content[0].content[0].type',
      /Invalid/,
    ],
    ['temperature above 1', { ...valid, temperature: 1.5 }, 'temperature', /Invalid value/],
    ['top_p above 1', { ...valid, top_p: 2 }, 'top_p', /Invalid value/],
    ['stop_sequences not a list', { ...valid, stop_sequences: 'END' }, 'stop_sequences', /array/],
    [
      'server tool',
      { ...valid, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      'tools[0].type',
      /Invalid/,
    ],
    [
      'tool without input_schema',
      { ...valid, tools: [{ name: 'f' }] },
      'tools[0].input_schema',
      /Missing required/,
    ],
    [
      'tool name over 64 characters',
      { ...valid, tools: [{ name: 'f'.repeat(65), input_schema: { type: 'object' } }] },
      'tools[0].name',
      /Invalid value/,
    ],
    [
      'unknown tool_choice',
      { ...valid, tool_choice: { type: 'some' } },
      'tool_choice.type',
      /Invalid/,
    ],
    [
      'tool_choice tool without a name',
      { ...valid, tool_choice: { type: 'tool' } },
      'tool_choice.name',
      /Missing required/,
    ],
    [
      'unknown metadata key',
      { ...valid, metadata: { team: 'a' } },
      'metadata.team',
      /Unrecognized/,
    ],
    ['unknown thinking type', { ...valid, thinking: { type: 'deep' } }, 'thinking.type', /Invalid/],
    ['unknown service tier', { ...valid, service_tier: 'flex' }, 'service_tier', /Invalid/],
  ])('rejects %s, naming the parameter', (_name, body, param, message) => {
    const issue = issueOf(body);
    expect(issue.param).toBe(param);
    expect(issue.message).toMatch(message);
  });
});
