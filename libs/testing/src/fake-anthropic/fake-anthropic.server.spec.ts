import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer } from './index';

const API_KEY = 'sk-ant-test-fake-anthropic-0001';
// Not a model the SDK warns about as deprecated, which would clutter the test output.
const MODEL = 'claude-opus-4-5-20251101';

// jest's asymmetric matchers are typed `any`; typed once here for the lint rules.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern) as unknown;
// The token formula: a word with its leading whitespace is one token.
const tokens = (text: string): number => text.match(/\s*\S+|\s+/g)?.length ?? 0;

const WEATHER: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather',
  input_schema: {
    type: 'object',
    properties: {
      location: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer' },
    },
    required: ['location'],
  },
};
const TIME: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object' } };

/** The usage of a message without caching, as the SDK types it. */
function usage(input: number, output: number): Anthropic.Usage {
  return {
    input_tokens: input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: null,
  };
}

describe('FakeAnthropicServer (wire shape, driven by the official @anthropic-ai/sdk)', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = await FakeAnthropicServer.start({ apiKey: API_KEY });
    client = new Anthropic({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  it('listens on 127.0.0.1 at the root the SDK appends /v1 to', () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers a message with Anthropic’s body, usage and headers', async () => {
    const { data, response, request_id } = await client.messages
      .create({
        model: MODEL,
        max_tokens: 100,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'Say hi' }],
      })
      .withResponse();

    const text = 'Fake reply to: Say hi';
    const expected: Anthropic.Message = {
      model: MODEL,
      id: data.id,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text, citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      // system + (3 per message + its text)
      usage: usage(tokens('You are terse.') + 3 + tokens('Say hi'), tokens(text)),
    };
    expect(data).toEqual(expected);
    expect(data.usage.input_tokens).toBe(8);
    expect(data.usage.output_tokens).toBe(5);
    expect(data.id).toMatch(/^msg_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    expect(Object.keys(data).slice(0, 5)).toEqual(['model', 'id', 'type', 'role', 'content']);

    expect(response.headers.get('content-type')).toBe('application/json');
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^req_011C[1-9A-HJ-NP-Za-km-z]{20}$/);
    expect(request_id).toBe(requestId);
    // The SDK also pins it, non-enumerable, on the message itself.
    expect((data as { _request_id?: string })._request_id).toBe(requestId);
    expect(response.headers.get('anthropic-organization-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const bucket of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      expect(Number(response.headers.get(`anthropic-ratelimit-${bucket}-limit`))).toBeGreaterThan(
        0,
      );
      expect(response.headers.get(`anthropic-ratelimit-${bucket}-remaining`)).toMatch(/^\d+$/);
      expect(response.headers.get(`anthropic-ratelimit-${bucket}-reset`)).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
      );
    }

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      body: { model: MODEL, max_tokens: 100, system: 'You are terse.' },
    });
    // SDK 1.x sends the key as a bearer token; the fake accepts it there or in x-api-key.
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.requests[0].headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('honours max_tokens (stop_reason "max_tokens") and stop_sequences (cut before the earliest)', async () => {
    const counting = await FakeAnthropicServer.start({
      reply: () => 'one two three four five six seven eight',
    });
    try {
      const sdk = new Anthropic({ apiKey: 'any', baseURL: counting.baseUrl, maxRetries: 0 });
      const ask = (params: Partial<Anthropic.MessageCreateParamsNonStreaming>) =>
        sdk.messages.create({
          model: 'claude-any',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'count' }],
          ...params,
        });

      const cut = await ask({ max_tokens: 3 });
      expect(cut).toMatchObject({
        content: [{ type: 'text', text: 'one two three' }],
        stop_reason: 'max_tokens',
        stop_sequence: null,
        usage: { output_tokens: 3 },
      });

      const stopped = await ask({ stop_sequences: [' five', ' three'] });
      expect(stopped).toMatchObject({
        content: [{ type: 'text', text: 'one two' }],
        stop_reason: 'stop_sequence',
        stop_sequence: ' three',
        usage: { output_tokens: 2 },
      });

      // The budget runs out before the stop sequence would have been generated.
      const budgetFirst = await ask({ max_tokens: 2, stop_sequences: [' five'] });
      expect(budgetFirst).toMatchObject({ stop_reason: 'max_tokens', stop_sequence: null });

      // A stop sequence at the very start leaves no text block at all; output is still billed.
      const empty = await ask({ stop_sequences: ['one'] });
      expect(empty).toMatchObject({
        content: [],
        stop_reason: 'stop_sequence',
        usage: { output_tokens: 1 },
      });
    } finally {
      await counting.stop();
    }
  });

  it('uses a tool when forced, or when the last user message names it', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Paris tomorrow' }];
    const tools = [WEATHER, TIME];

    const any = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages,
      tools,
      tool_choice: { type: 'any' },
    });
    expect(any.stop_reason).toBe('tool_use');
    expect(any.content).toEqual([
      {
        type: 'tool_use',
        id: matching(/^toolu_01[1-9A-HJ-NP-Za-km-z]{22}$/),
        name: 'get_weather',
        // One placeholder per schema property: the user's text, the first enum value, 1.
        input: { location: 'Paris tomorrow', unit: 'celsius', days: 1 },
        caller: { type: 'direct' },
      },
    ]);
    expect(any.usage.output_tokens).toBe(
      tokens('get_weather') +
        tokens('{"location": "Paris tomorrow", "unit": "celsius", "days": 1}'),
    );

    const named = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages,
      tools,
      tool_choice: { type: 'tool', name: 'get_time' },
    });
    expect(named.content).toMatchObject([{ type: 'tool_use', name: 'get_time', input: {} }]);

    const mention = [{ role: 'user' as const, content: 'use get_time please' }];
    const auto = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: mention,
      tools,
    });
    expect(auto.stop_reason).toBe('tool_use');
    expect(auto.content).toMatchObject([
      { type: 'text', text: 'Fake reply to: use get_time please' },
      { type: 'tool_use', name: 'get_time' },
    ]);

    const none = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: mention,
      tools,
      tool_choice: { type: 'none' },
    });
    expect(none.stop_reason).toBe('end_turn');
    expect(none.content).toHaveLength(1);

    // The tool round trip: the result goes back in the next user turn and is accepted.
    const toolUse = auto.content[1] as Anthropic.ToolUseBlock;
    const followUp = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools,
      messages: [
        ...mention,
        { role: 'assistant', content: auto.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '12:00' }],
        },
      ],
    });
    expect(followUp.stop_reason).toBe('end_turn');
  });

  it('lists models in Anthropic’s paginated shape and retrieves one', async () => {
    const models: Anthropic.ModelInfo[] = [];
    // limit 1 forces the SDK through after_id pagination.
    for await (const model of client.models.list({ limit: 1 })) models.push(model);
    expect(models.map((model) => model.id)).toEqual([
      'claude-opus-4-5-20251101',
      'claude-haiku-4-5-20251001',
      'claude-sonnet-4-5-20250929',
    ]);
    const haiku: Anthropic.ModelInfo = {
      type: 'model',
      id: 'claude-haiku-4-5-20251001',
      display_name: 'Claude Haiku 4.5',
      created_at: '2025-10-01T00:00:00Z',
      capabilities: null,
      deprecated_at: null,
      lifecycle: 'active',
      line: 'haiku',
      max_input_tokens: null,
      max_tokens: null,
      retires_at: null,
    };
    expect(models[1]).toEqual(haiku);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/models?limit=1',
      '/v1/models?limit=1&after_id=claude-opus-4-5-20251101',
      '/v1/models?limit=1&after_id=claude-haiku-4-5-20251001',
    ]);

    const page = await client.models.list();
    expect(page.has_more).toBe(false);
    expect(page.first_id).toBe('claude-opus-4-5-20251101');
    expect(page.last_id).toBe('claude-sonnet-4-5-20250929');

    await expect(client.models.retrieve('claude-sonnet-4-5-20250929')).resolves.toMatchObject({
      display_name: 'Claude Sonnet 4.5',
    });
    await expect(client.models.retrieve('claude-nope')).rejects.toMatchObject({
      status: 404,
      type: 'not_found_error',
    });
  });

  it('with a configured model list, other models get 404 not_found_error', async () => {
    const restricted = await FakeAnthropicServer.start({ models: ['claude-only'] });
    try {
      const sdk = new Anthropic({ apiKey: 'any', baseURL: restricted.baseUrl, maxRetries: 0 });
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'hi' }];
      await expect(
        sdk.messages.create({ model: 'claude-only', max_tokens: 5, messages }),
      ).resolves.toMatchObject({
        model: 'claude-only',
      });
      const error = await sdk.messages
        .create({ model: 'claude-other', max_tokens: 5, messages })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.NotFoundError);
      expect(error).toMatchObject({
        type: 'not_found_error',
        error: {
          type: 'error',
          error: { type: 'not_found_error', message: 'model: claude-other' },
        },
      });
      const models = [];
      for await (const model of sdk.models.list()) models.push(model.id);
      expect(models).toEqual(['claude-only']);
    } finally {
      await restricted.stop();
    }
  });
});
