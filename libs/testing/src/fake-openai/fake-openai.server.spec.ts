import OpenAI from 'openai';
import { encode } from 'gpt-tokenizer';
import { FakeOpenAIServer } from './index';

const API_KEY = 'sk-test-fake-openai-key-0001';

// jest's asymmetric matchers are typed `any`; typed once here for the lint rules.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern) as unknown;
const anyNumber = (): unknown => expect.any(Number) as unknown;
const tokens = (text: string): number => encode(text).length;

describe('FakeOpenAIServer (wire shape, driven by the official openai SDK)', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  it('listens on 127.0.0.1 under /v1', () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}/v1`);
  });

  it('answers a JSON chat completion with OpenAI’s body, usage and headers', async () => {
    const messages = [
      { role: 'system' as const, content: 'You are terse.' },
      { role: 'user' as const, content: 'Say hi', name: 'ada' },
    ];
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .withResponse();

    const content = 'Fake reply to: Say hi';
    expect(data).toEqual({
      id: matching(/^chatcmpl-[A-Za-z0-9]{29}$/),
      object: 'chat.completion',
      created: anyNumber(),
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        // Cookbook formula: 3 per message + role + content (+ name + 1) ... + 3 priming.
        prompt_tokens:
          3 +
          (3 + tokens('system') + tokens('You are terse.')) +
          (3 + tokens('user') + tokens('Say hi') + tokens('ada') + 1),
        completion_tokens: tokens(content),
        total_tokens: anyNumber(),
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: matching(/^fp_[0-9a-f]{10}$/),
    });
    expect(data.usage!.total_tokens).toBe(
      data.usage!.prompt_tokens + data.usage!.completion_tokens,
    );
    expect(Math.abs(data.created - Date.now() / 1000)).toBeLessThan(5);
    expect(Object.keys(data)).toEqual([
      'id',
      'object',
      'created',
      'model',
      'choices',
      'usage',
      'service_tier',
      'system_fingerprint',
    ]);

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get('openai-version')).toBe('2020-10-01');
    expect(response.headers.get('openai-processing-ms')).toMatch(/^\d+$/);
    for (const name of [
      'limit-requests',
      'remaining-requests',
      'limit-tokens',
      'remaining-tokens',
      'reset-requests',
    ]) {
      expect(response.headers.get(`x-ratelimit-${name}`)).toBeTruthy();
    }

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages },
    });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('honours n, max_tokens (finish_reason "length") and stop', async () => {
    const many = await client.chat.completions.create({
      model: 'gpt-4o',
      n: 3,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(many.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(many.usage!.completion_tokens).toBe(3 * tokens('Fake reply to: hello'));

    const reply = 'one two three four five six seven eight';
    const limited = await FakeOpenAIServer.start({ reply: () => reply });
    try {
      const sdk = new OpenAI({ apiKey: 'any', baseURL: limited.baseUrl, maxRetries: 0 });
      const cut = await sdk.chat.completions.create({
        model: 'gpt-4o-mini',
        max_tokens: 3,
        messages: [{ role: 'user', content: 'count' }],
      });
      expect(cut.choices[0].finish_reason).toBe('length');
      expect(cut.choices[0].message.content).toBe('one two three');
      expect(cut.usage!.completion_tokens).toBe(3);

      const modern = await sdk.chat.completions.create({
        model: 'gpt-4o-mini',
        max_completion_tokens: 2,
        messages: [{ role: 'user', content: 'count' }],
      });
      expect(modern.choices[0].message.content).toBe('one two');

      const stopped = await sdk.chat.completions.create({
        model: 'gpt-4o-mini',
        stop: [' five', ' three'],
        messages: [{ role: 'user', content: 'count' }],
      });
      expect(stopped.choices[0]).toMatchObject({
        finish_reason: 'stop',
        message: { content: 'one two' },
      });
    } finally {
      await limited.stop();
    }
  });

  it('answers a forced tool choice with a tool call', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
      },
      { type: 'function', function: { name: 'get_time' } },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather?' }];

    const required = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools,
      tool_choice: 'required',
    });
    expect(required.choices[0].finish_reason).toBe('tool_calls');
    expect(required.choices[0].message).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: matching(/^call_/),
          type: 'function',
          function: { name: 'get_weather', arguments: '{}' },
        },
      ],
    });

    const named = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    expect(named.choices[0].message.tool_calls).toMatchObject([{ function: { name: 'get_time' } }]);

    const auto = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    expect(auto.choices[0].message.content).toBe('Fake reply to: weather?');
  });

  it('streams chunks with include_usage: role first, token deltas, finish, then a usage-only chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'stream me' }],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const content = 'Fake reply to: stream me';
    const [first, ...rest] = chunks;
    const usageChunk = rest.pop()!;
    const finish = rest.pop()!;
    expect(first.choices).toEqual([
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ]);
    expect(rest).toHaveLength(tokens(content));
    expect(rest.map((chunk) => chunk.choices[0].delta.content).join('')).toBe(content);
    expect(finish.choices).toEqual([
      { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' },
    ]);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      completion_tokens: tokens(content),
      prompt_tokens: 3 + 3 + 1 + tokens('stream me'),
    });

    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: first.id,
        object: 'chat.completion.chunk',
        created: first.created,
        model: 'gpt-4o-mini',
        service_tier: 'default',
        system_fingerprint: matching(/^fp_/),
      });
      if (chunk !== usageChunk) expect(chunk.usage).toBeNull();
    }
  });

  it('frames SSE exactly like OpenAI (raw bytes, no usage without include_usage)', async () => {
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);

    const text = await response.text();
    expect(text.endsWith('\n\ndata: [DONE]\n\n')).toBe(true);
    const frames = text.split('\n\n').filter(Boolean);
    expect(frames.every((frame) => frame.startsWith('data: '))).toBe(true);
    const chunks = frames
      .slice(0, -1)
      .map((frame) => JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(Object.keys(chunks[0])).toEqual([
      'id',
      'object',
      'created',
      'model',
      'service_tier',
      'system_fingerprint',
      'choices',
    ]);
  });

  it('streams a forced tool call as id/name first, then the arguments', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      tool_choice: 'required',
    });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.tool_calls).toMatchObject([
      { type: 'function', function: { name: 'get_weather', arguments: '{}' } },
    ]);
  });

  it('lists and retrieves models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models).toEqual([
      { id: 'gpt-4o-mini', object: 'model', created: anyNumber(), owned_by: 'system' },
      { id: 'gpt-4o', object: 'model', created: anyNumber(), owned_by: 'system' },
    ]);
    await expect(client.models.retrieve('gpt-4o')).resolves.toMatchObject({
      id: 'gpt-4o',
      object: 'model',
    });
    await expect(client.models.retrieve('gpt-9')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });
});
