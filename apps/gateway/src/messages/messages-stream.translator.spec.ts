import {
  ChatCompletionSchema,
  ProviderError,
  type ChatCompletionChunk,
  type ErrorPayload,
  type FinishReason,
  type Usage,
} from '@conduit/contracts';
// The real SDK, fed our SSE bytes: the proof that what we stream rebuilds in `finalMessage()`.
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { toAnthropicMessage } from './messages-response.mapper';
import {
  formatSseEvent,
  MessagesStreamTranslator,
  type MessagesStreamEvent,
} from './messages-stream.translator';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

function chunk(delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
  return {
    id: 'chatcmpl-s1',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'openai/gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

const usageChunk: ChatCompletionChunk = {
  ...chunk({}),
  choices: [],
  usage: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 },
};

const usage: Usage = {
  prompt_tokens: 1000,
  completion_tokens: 42,
  total_tokens: 1042,
  prompt_tokens_details: { cached_tokens: 700, cache_creation_tokens: 200 },
};

/** Runs a whole stream through a translator: start, every chunk, then end (or an error). */
function translate(
  chunks: ChatCompletionChunk[],
  finish: { usage: Usage; finishReason: FinishReason | null } | { error: ErrorPayload },
): MessagesStreamEvent[] {
  const translator = new MessagesStreamTranslator();
  const events = translator.start('openai/gpt-4o', 'msg_test');
  for (const c of chunks) events.push(...translator.chunk(c));
  events.push(
    ...('error' in finish
      ? translator.error(finish.error, 'req_1')
      : translator.end(finish.usage, finish.finishReason)),
  );
  return events;
}

/** An SDK client whose HTTP call answers with `body` (our SSE bytes). */
function clientAnswering(body: string): Anthropic {
  return new Anthropic({
    apiKey: 'sk-test',
    baseURL: 'http://conduit.test',
    maxRetries: 0,
    fetch: () =>
      Promise.resolve(
        new Response(body, {
          status: 200,
          headers: { 'content-type': 'text/event-stream', 'request-id': 'req_1' },
        }),
      ),
  });
}

function sdkFinalMessage(events: MessagesStreamEvent[]): Promise<Message> {
  return clientAnswering(events.map(formatSseEvent).join(''))
    .messages.stream({
      model: 'openai/gpt-4o',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    })
    .finalMessage();
}

const expectedUsage = {
  input_tokens: 100,
  output_tokens: 42,
  cache_read_input_tokens: 700,
  cache_creation_input_tokens: 200,
};

describe('MessagesStreamTranslator', () => {
  it('streams text as one block and ends with the whole usage', async () => {
    const events = translate(
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo!' }),
        chunk({}, 'stop'),
        usageChunk,
      ],
      { usage, finishReason: 'stop' },
    );
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model: 'openai/gpt-4o',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          stop_details: null,
          container: null,
          diagnostics: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_read_input_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_creation: null,
            inference_geo: null,
            output_tokens_details: null,
            server_tool_use: null,
            service_tier: null,
            speed: null,
          },
        },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '', citations: null },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo!' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: {
          stop_reason: 'end_turn',
          stop_sequence: null,
          stop_details: null,
          container: null,
        },
        usage: { ...expectedUsage, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);

    // Exactly the non-streamed answer for the same completion (the SDK adds `parsed_output`).
    const nonStreamed = toAnthropicMessage(
      ChatCompletionSchema.parse({
        id: 'msg_test',
        object: 'chat.completion',
        created: 0,
        model: 'openai/gpt-4o',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' },
        ],
        usage,
      }),
    );
    expect(await sdkFinalMessage(events)).toEqual({ ...nonStreamed, parsed_output: null });
  });

  it('streams text then tool calls as separate blocks with input_json_delta', async () => {
    const events = translate(
      [
        chunk({ role: 'assistant', content: 'Checking both.' }),
        chunk({
          tool_calls: [
            {
              index: 0,
              id: 'call_paris',
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({
          tool_calls: [
            {
              index: 1,
              id: 'call_oslo',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
          ],
        }),
        chunk({}, 'tool_calls'),
      ],
      { usage, finishReason: 'tool_calls' },
    );
    expect(events.slice(1)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '', citations: null },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'Checking both.' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: {
          type: 'tool_use',
          id: 'call_paris',
          name: 'get_weather',
          input: {},
          caller: { type: 'direct' },
        },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: {
          type: 'tool_use',
          id: 'call_oslo',
          name: 'get_weather',
          input: {},
          caller: { type: 'direct' },
        },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"city":"Oslo"}' },
      },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: {
          stop_reason: 'tool_use',
          stop_sequence: null,
          stop_details: null,
          container: null,
        },
        usage: { ...expectedUsage, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);

    const message = await sdkFinalMessage(events);
    expect(message).toMatchObject({
      id: 'msg_test',
      model: 'openai/gpt-4o',
      stop_reason: 'tool_use',
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_oslo', name: 'get_weather', input: { city: 'Oslo' } },
      ],
      usage: expectedUsage,
    });
  });

  it('opens a new text block for text after a tool call', () => {
    const events = translate(
      [
        chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] }),
        chunk({ content: 'Done.' }),
      ],
      { usage, finishReason: 'stop' },
    );
    expect(events.map((e) => `${e.type}${'index' in e ? `#${e.index}` : ''}`)).toEqual([
      'message_start',
      'content_block_start#0',
      'content_block_delta#0',
      'content_block_stop#0',
      'content_block_start#1',
      'content_block_delta#1',
      'content_block_stop#1',
      'message_delta',
      'message_stop',
    ]);
    // A tool was called, so the client should run it even though the upstream said `stop`.
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('names a tool call the upstream sent without an id, and drops deltas of a closed call', async () => {
    const events = translate(
      [
        chunk({ tool_calls: [{ index: 0, function: { name: 'a', arguments: '{"x":1}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'c2', function: { name: 'b', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: ',"late":true' } }] }),
      ],
      { usage, finishReason: 'tool_calls' },
    );
    expect(events[1]).toMatchObject({
      content_block: { type: 'tool_use', id: 'toolu_test_0', name: 'a' },
    });
    const message = await sdkFinalMessage(events);
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: 'toolu_test_0',
        name: 'a',
        input: { x: 1 },
        caller: { type: 'direct' },
      },
      { type: 'tool_use', id: 'c2', name: 'b', input: {}, caller: { type: 'direct' } },
    ]);
  });

  it('streams a refusal as text and stops with refusal', async () => {
    const events = translate([chunk({ refusal: 'I cannot help with that.' })], {
      usage,
      finishReason: 'content_filter',
    });
    const message = await sdkFinalMessage(events);
    expect(message).toMatchObject({
      content: [{ type: 'text', text: 'I cannot help with that.' }],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: null, explanation: null },
    });
  });

  it('maps an empty or length-capped stream', async () => {
    const empty = translate([chunk({ role: 'assistant' })], {
      usage: { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 },
      finishReason: null,
    });
    expect(empty.map((e) => e.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(await sdkFinalMessage(empty)).toMatchObject({
      content: [],
      stop_reason: 'end_turn',
      usage: { input_tokens: 3, output_tokens: 0 },
    });
    const capped = translate([chunk({ content: 'Once upon' })], { usage, finishReason: 'length' });
    expect((await sdkFinalMessage(capped)).stop_reason).toBe('max_tokens');
  });

  it('ignores chunks without a first choice (the usage chunk)', () => {
    const translator = new MessagesStreamTranslator();
    translator.start('m');
    expect(translator.chunk(usageChunk)).toEqual([]);
  });

  it('generates a message id when none is given', () => {
    const [event] = new MessagesStreamTranslator().start('m');
    expect(event?.type === 'message_start' && event.message.id).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('ends a failed stream with an error event the SDK raises as an APIError', async () => {
    const events = translate([chunk({ content: 'Partial' })], {
      error: new ProviderError('The provider closed the stream.', {
        code: 'stream_interrupted',
      }).toPayload(),
    });
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: {
        type: 'api_error',
        message: 'The provider closed the stream.',
        details: { error_code: 'stream_interrupted' },
      },
      request_id: 'req_1',
    });
    const failure: unknown = await sdkFinalMessage(events).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect(failure).toMatchObject({
      type: 'api_error',
      apiMessage: 'The provider closed the stream.',
      errorCode: 'stream_interrupted',
    });
  });
});

describe('formatSseEvent', () => {
  it('frames an event as Anthropic does', () => {
    expect(formatSseEvent({ type: 'message_stop' })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
    expect(
      formatSseEvent({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'a\nb' },
      }),
    ).toBe(
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\nb"}}\n\n',
    );
  });
});
