import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer } from './index';

const API_KEY = 'sk-ant-test-fake-anthropic-0005';
// Not a model the SDK warns about as deprecated, which would clutter the test output.
const MODEL = 'claude-opus-4-5-20251101';

// The token formula: a word with its leading whitespace is one token.
const tokens = (text: string): number => text.match(/\s*\S+|\s+/g)?.length ?? 0;

describe('FakeAnthropicServer (prompt caching usage, driven by the official @anthropic-ai/sdk)', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = await FakeAnthropicServer.start({ apiKey: API_KEY });
    client = new Anthropic({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  it('reports prompt caching: a write on the first request, a read on the next', async () => {
    const system: Anthropic.TextBlockParam[] = [
      {
        type: 'text',
        text: 'A long and stable system prompt.',
        cache_control: { type: 'ephemeral' },
      },
    ];
    const ask = (messages: Anthropic.MessageParam[]) =>
      client.messages.create({ model: MODEL, max_tokens: 50, system, messages });
    const first: Anthropic.MessageParam[] = [{ role: 'user', content: 'first question' }];
    const systemTokens = tokens('A long and stable system prompt.');
    const userTokens = 3 + tokens('first question');

    const write = await ask(first);
    expect(write.usage).toMatchObject({
      input_tokens: userTokens, // excludes the cached prefix
      cache_creation_input_tokens: systemTokens,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: systemTokens, ephemeral_1h_input_tokens: 0 },
    });
    const read = await ask(first);
    expect(read.usage).toMatchObject({
      input_tokens: userTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: systemTokens,
    });

    // A conversation moving its breakpoint forward reads what the previous turn wrote.
    const turn1: Anthropic.MessageParam[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'turn one', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
      },
    ];
    const one = await ask(turn1);
    expect(one.usage).toMatchObject({
      cache_read_input_tokens: systemTokens,
      cache_creation_input_tokens: 3 + tokens('turn one'),
      cache_creation: {
        ephemeral_5m_input_tokens: 0,
        ephemeral_1h_input_tokens: 3 + tokens('turn one'),
      },
      input_tokens: 0,
    });
    const two = await ask([
      { role: 'user', content: [{ type: 'text', text: 'turn one' }] },
      { role: 'assistant', content: 'ok' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'turn two', cache_control: { type: 'ephemeral' } }],
      },
    ]);
    expect(two.usage).toMatchObject({
      cache_read_input_tokens: systemTokens + 3 + tokens('turn one'),
      cache_creation_input_tokens: 3 + tokens('ok') + 3 + tokens('turn two'),
      input_tokens: 0,
    });

    // The stream reports the same split in message_start; reset() empties the cache.
    server.reset();
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 50,
      system,
      messages: first,
    });
    const streamed = await stream.finalMessage();
    expect(streamed.usage).toMatchObject({
      cache_creation_input_tokens: systemTokens,
      cache_read_input_tokens: 0,
    });
  });

  it('top-level cache_control puts the breakpoint on the last block', async () => {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: MODEL,
      max_tokens: 50,
      cache_control: { type: 'ephemeral' },
      messages: [{ role: 'user', content: 'cache all of me' }],
    };
    const all = 3 + tokens('cache all of me');
    expect((await client.messages.create(params)).usage).toMatchObject({
      input_tokens: 0,
      cache_creation_input_tokens: all,
    });
    expect((await client.messages.create(params)).usage).toMatchObject({
      input_tokens: 0,
      cache_read_input_tokens: all,
    });
  });
});
