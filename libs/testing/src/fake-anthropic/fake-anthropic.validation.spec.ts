import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer } from './index';

const API_KEY = 'sk-ant-test-fake-anthropic-0003';
const MODEL = 'claude-opus-4-5-20251101';
const user = { role: 'user', content: 'hi' };
const valid = { model: MODEL, max_tokens: 10, messages: [user] };
const weather = { name: 'get_weather', input_schema: { type: 'object' } };

describe('FakeAnthropicServer (request validation, with the real API’s wording)', () => {
  let server: FakeAnthropicServer;

  beforeAll(async () => {
    server = await FakeAnthropicServer.start({ apiKey: API_KEY });
  });
  afterAll(() => server.stop());

  async function post(body: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${server.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': API_KEY,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  const toolCall = {
    role: 'assistant',
    content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }],
  };
  const cases: [string, unknown, string][] = [
    ['missing max_tokens', { model: MODEL, messages: [user] }, 'max_tokens: Field required'],
    ['missing model', { max_tokens: 10, messages: [user] }, 'model: Field required'],
    ['missing messages', { model: MODEL, max_tokens: 10 }, 'messages: Field required'],
    [
      'max_tokens 0',
      { ...valid, max_tokens: 0 },
      'max_tokens: Input should be greater than or equal to 1',
    ],
    [
      'max_tokens 1.5',
      { ...valid, max_tokens: 1.5 },
      'max_tokens: Input should be a valid integer',
    ],
    ['empty messages', { ...valid, messages: [] }, 'messages: at least one message is required'],
    [
      'a system role message',
      { ...valid, messages: [{ role: 'system', content: 'x' }, user] },
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    ],
    [
      'an unknown role',
      { ...valid, messages: [{ role: 'tool', content: 'x' }] },
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    [
      'empty content',
      { ...valid, messages: [{ role: 'user', content: '' }] },
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'an empty text block',
      { ...valid, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
      'messages: text content blocks must be non-empty',
    ],
    [
      'a text block without text',
      { ...valid, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages.0.content.0.text.text: Field required',
    ],
    [
      'an extra field on a message',
      { ...valid, messages: [{ ...user, name: 'ada' }] },
      'messages.0.name: Extra inputs are not permitted',
    ],
    ['an OpenAI-only field', { ...valid, n: 2 }, 'n: Extra inputs are not permitted'],
    [
      'temperature 1.5',
      { ...valid, temperature: 1.5 },
      'temperature: Input should be less than or equal to 1',
    ],
    [
      'temperature null',
      { ...valid, temperature: null },
      'temperature: Input should be a valid number',
    ],
    ['top_p -0.1', { ...valid, top_p: -0.1 }, 'top_p: Input should be greater than or equal to 0'],
    ['top_k 1.5', { ...valid, top_k: 1.5 }, 'top_k: Input should be a valid integer'],
    ['stream "yes"', { ...valid, stream: 'yes' }, 'stream: Input should be a valid boolean'],
    [
      'stop_sequences "x"',
      { ...valid, stop_sequences: 'x' },
      'stop_sequences: Input should be a valid list',
    ],
    [
      'system block of another type',
      { ...valid, system: [{ type: 'image' }] },
      "system.0.type: Input should be 'text'",
    ],
    [
      'metadata with extra keys',
      { ...valid, metadata: { session: 'x' } },
      'metadata.session: Extra inputs are not permitted',
    ],
    [
      'a tool without input_schema',
      { ...valid, tools: [{ name: 'get_weather' }] },
      'tools.0.custom.input_schema: Field required',
    ],
    [
      'duplicate tool names',
      { ...valid, tools: [weather, weather] },
      'tools: Tool names must be unique.',
    ],
    [
      'tool_choice without tools',
      { ...valid, tool_choice: { type: 'any' } },
      'tool_choice: `tool_choice` may only be specified while providing tools.',
    ],
    [
      'an unknown tool_choice',
      { ...valid, tools: [weather], tool_choice: { type: 'required' } },
      "tool_choice: Input tag 'required' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
    ],
    [
      'tool_choice naming a missing tool',
      { ...valid, tools: [weather], tool_choice: { type: 'tool', name: 'nope' } },
      "tool_choice: Tool 'nope' not found in `tools`.",
    ],
    [
      'a cache_control of another type',
      { ...valid, system: [{ type: 'text', text: 's', cache_control: { type: 'persistent' } }] },
      "system.0.cache_control.type: Input should be 'ephemeral'",
    ],
    [
      'a tool_result without its tool_use',
      {
        ...valid,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x' }] }],
      },
      'messages.0.content: unexpected `tool_use_id` found in `tool_result` blocks: toolu_x. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ],
    [
      'a tool_use left unanswered',
      { ...valid, messages: [user, toolCall, user] },
      'messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ],
  ];

  it.each(cases)('rejects %s with a 400 naming the field', async (_name, body, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(json).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message },
      request_id: expect.stringMatching(/^req_011C/) as unknown,
    });
  });

  it('accepts the optional fields, a trailing assistant prefill and sampling parameters', async () => {
    const { status, json } = await post({
      ...valid,
      system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [user, toolCall],
      tools: [weather],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      temperature: 0,
      top_p: 1,
      top_k: 5,
      stop_sequences: ['\n\nHuman:'],
      metadata: { user_id: 'u-1' },
      thinking: { type: 'disabled' },
      service_tier: 'auto',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ type: 'message', stop_reason: 'end_turn' });
  });

  it('the SDK surfaces a validation error as BadRequestError with the message', async () => {
    const client = new Anthropic({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
    const error = await client.messages
      .create({ model: MODEL, max_tokens: 0, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      apiMessage: 'max_tokens: Input should be greater than or equal to 1',
    });
  });
});
