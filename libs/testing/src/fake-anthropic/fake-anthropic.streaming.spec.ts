import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer } from './index';

const API_KEY = 'sk-ant-test-fake-anthropic-0004';
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

/** Ids are random per response; blank them so two renderings of one answer compare equal. */
function withoutIds(message: Anthropic.Message): unknown {
  // finalMessage() adds `parsed_output: null` (structured outputs); it is no part of the wire.
  const rest: Record<string, unknown> = { ...message };
  delete rest.parsed_output;
  return {
    ...rest,
    id: 'msg',
    content: message.content.map((block) =>
      block.type === 'tool_use' ? { ...block, id: 'toolu' } : block,
    ),
  };
}

describe('FakeAnthropicServer (streaming, driven by the official @anthropic-ai/sdk)', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = await FakeAnthropicServer.start({ apiKey: API_KEY });
    client = new Anthropic({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  it('streams events in Anthropic’s order: start, block start, ping, deltas, stops, delta, stop', async () => {
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: 'stream me' }],
    });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    const text = 'Fake reply to: stream me';
    const deltas = events.filter(
      (event): event is Anthropic.RawContentBlockDeltaEvent => event.type === 'content_block_delta',
    );
    // The SDK drops `ping`; the raw-bytes test below sees it.
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      ...deltas.map(() => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltas).toHaveLength(tokens(text));
    expect(deltas.map((event) => (event.delta as Anthropic.TextDelta).text).join('')).toBe(text);

    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message).toMatchObject({
      id: matching(/^msg_01/),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 3 + tokens('stream me'), output_tokens: 1 },
    });
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '', citations: null },
    });
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null },
      usage: {
        input_tokens: 3 + tokens('stream me'),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: tokens(text),
        output_tokens_details: null,
        server_tool_use: null,
      },
    });
  });

  it('frames SSE exactly like Anthropic (raw bytes: event + data lines, ping, no [DONE])', async () => {
    const response = await fetch(`${server.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': API_KEY,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('request-id')).toMatch(/^req_/);

    const raw = await response.text();
    expect(raw.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
    const frames = raw.split('\n\n').filter(Boolean);
    const names = frames.map((frame) => {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      expect(rest).toEqual([]);
      const name = eventLine.replace(/^event: /, '');
      expect((JSON.parse(dataLine.replace(/^data: /, '')) as { type: string }).type).toBe(name);
      return name;
    });
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('the SDK’s stream accumulator rebuilds exactly the non-streaming message', async () => {
    const cases: Anthropic.MessageCreateParamsNonStreaming[] = [
      { model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'Hello there' }] },
      {
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'weather via get_weather in Rome' }],
        tools: [WEATHER],
      },
      {
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'anything' }],
        tools: [WEATHER],
        tool_choice: { type: 'tool', name: 'get_weather' },
      },
    ];
    for (const params of cases) {
      const plain = await client.messages.create(params);
      const streamed = await client.messages.stream(params).finalMessage();
      expect(withoutIds(streamed)).toEqual(withoutIds(plain));
    }
  });

  it('streams tool input as input_json_delta pieces, starting with an empty one', async () => {
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: 'Oslo' }],
      tools: [WEATHER],
      tool_choice: { type: 'any' },
    });
    const pieces: string[] = [];
    for await (const event of stream) {
      if (event.type === 'content_block_start') {
        expect(event.content_block).toMatchObject({
          type: 'tool_use',
          name: 'get_weather',
          input: {},
        });
      }
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        pieces.push(event.delta.partial_json);
      }
    }
    expect(pieces[0]).toBe('');
    expect(pieces.length).toBeGreaterThan(3);
    expect(JSON.parse(pieces.join(''))).toEqual({ location: 'Oslo', unit: 'celsius', days: 1 });
  });
});
