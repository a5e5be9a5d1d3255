import { FakeAnthropicServer, FakeOpenAIServer } from '@conduit/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startSystem, type RunningSystem } from './support/system';

/**
 * The chat arguments of current (and legacy) OpenAI SDKs, sent with the official client through
 * the whole system: what an OpenAI-compatible provider receives is what the caller sent; an
 * Anthropic model refuses what it cannot honour, naming the field; unknown arguments stay a 400.
 */
describe('OpenAI chat arguments through the gateway (e2e)', () => {
  let system: RunningSystem;
  let upstreamOpenAI: FakeOpenAIServer;
  let upstreamAnthropic: FakeAnthropicServer;
  let client: OpenAI;

  const newerArguments = {
    modalities: ['text', 'audio'] as Array<'text' | 'audio'>,
    audio: { format: 'wav' as const, voice: 'alloy' },
    prediction: { type: 'content' as const, content: 'The answer is 42.' },
    prompt_cache_key: 'tenant-a',
    prompt_cache_retention: '24h' as const,
    safety_identifier: 'user-hash-1',
    verbosity: 'low' as const,
    reasoning_effort: 'minimal' as const,
    web_search_options: {
      search_context_size: 'low' as const,
      user_location: { type: 'approximate' as const, approximate: { country: 'DE' } },
    },
  };

  const chatRequests = () =>
    upstreamOpenAI.requests.filter((request) => request.path === '/v1/chat/completions');

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
    );

  beforeAll(async () => {
    upstreamOpenAI = await FakeOpenAIServer.start({ apiKey: 'sk-openai-upstream' });
    upstreamAnthropic = await FakeAnthropicServer.start({ apiKey: 'sk-ant-upstream' });
    const catalog = join(mkdtempSync(join(tmpdir(), 'openai-arguments-e2e-')), 'models.yaml');
    writeFileSync(
      catalog,
      `
providers:
  openai: { type: openai, base_url: "${upstreamOpenAI.baseUrl}", api_key_env: E2E_OPENAI_KEY }
  anthropic: { type: anthropic, base_url: "${upstreamAnthropic.baseUrl}", api_key_env: E2E_ANTHROPIC_KEY }
models:
  - provider: openai
    upstream_model: gpt-4o-mini
  - id: anthropic/claude-opus-4-5
    provider: anthropic
    upstream_model: claude-opus-4-5-20251101
    context_window: 200000
    max_output_tokens: 32000
    prices: [{ input_usd_per_mtok: 5, output_usd_per_mtok: 25 }]
`,
    );
    system = await startSystem({
      env: {
        LLM_CATALOG_FILE: catalog,
        E2E_OPENAI_KEY: 'sk-openai-upstream',
        E2E_ANTHROPIC_KEY: 'sk-ant-upstream',
      },
      services: ['llm', 'guardrails', 'ledger'],
    });
    client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await system?.close();
    await upstreamOpenAI?.stop();
    await upstreamAnthropic?.stop();
  });

  beforeEach(() => {
    upstreamOpenAI.reset();
    upstreamAnthropic.reset();
  });

  it('passes the arguments of current SDKs to an OpenAI-compatible provider as sent', async () => {
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'what is the answer?' }],
      ...newerArguments,
    });
    expect(completion.choices[0].message.content).toBe('Fake reply to: what is the answer?');
    const [upstream] = chatRequests();
    expect(upstream.body).toMatchObject({ ...newerArguments, model: 'gpt-4o-mini' });
    expect(upstream.body).not.toHaveProperty('conduit');
  });

  it("keeps a stream's include_obfuscation while still asking for usage", async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
      stream_options: { include_obfuscation: false },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Fake reply to: stream please');
    const [upstream] = chatRequests();
    expect(upstream.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
    });
  });

  it('passes a legacy functions conversation through, function messages included', async () => {
    const legacy = {
      functions: [
        {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      function_call: 'auto' as const,
      messages: [
        { role: 'user' as const, content: 'Weather in Paris?' },
        {
          role: 'assistant' as const,
          content: null,
          function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        { role: 'function' as const, name: 'get_weather', content: 'sunny' },
      ],
    };
    await client.chat.completions.create({ model: 'openai/gpt-4o-mini', ...legacy });
    const [upstream] = chatRequests();
    expect(upstream.body).toMatchObject({ ...legacy, model: 'gpt-4o-mini' });
  });

  it.each([
    ['web_search_options', { web_search_options: {} }],
    ['audio', { audio: { format: 'wav' as const, voice: 'alloy' } }],
    ['modalities', { modalities: ['text', 'audio'] as Array<'text' | 'audio'> }],
    ['functions', { functions: [{ name: 'lookup' }] }],
  ])(
    'an Anthropic model refuses %s with a 400 naming it, before any upstream call',
    async (param, extra) => {
      const error = await failure(
        client.chat.completions.create({
          model: 'anthropic/claude-opus-4-5',
          messages: [{ role: 'user', content: 'hi' }],
          ...extra,
        }),
      );
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe(param);
      expect(error.code).toBe('unsupported_parameter');
      expect(error.message).toMatch(/not supported by anthropic models/);
      expect((error.error as { request_id?: string }).request_id).toBe(error.requestID);
      expect(upstreamAnthropic.requests).toHaveLength(0);
    },
  );

  it('an Anthropic model answers with the hints it can ignore, sending them nowhere', async () => {
    const completion = await client.chat.completions.create({
      model: 'anthropic/claude-opus-4-5',
      messages: [{ role: 'user', content: 'hello claude' }],
      prediction: { type: 'content', content: 'hello' },
      prompt_cache_key: 'tenant-a',
      verbosity: 'low',
      safety_identifier: 'user-hash-1',
    });
    expect(completion.choices[0].message.content).toBe('Fake reply to: hello claude');
    const [upstream] = upstreamAnthropic.requests.filter((r) => r.path === '/v1/messages');
    expect(upstream.body).toMatchObject({ metadata: { user_id: 'user-hash-1' } });
    for (const dropped of ['prediction', 'prompt_cache_key', 'verbosity', 'safety_identifier']) {
      expect(upstream.body).not.toHaveProperty(dropped);
    }
  });

  it('still refuses a genuinely unknown argument with the clear 400', async () => {
    const error = await failure(
      client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        // @ts-expect-error -- not an OpenAI argument
        frobnicate: true,
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe('frobnicate');
    expect(error.message).toMatch(/Unrecognized request argument supplied: frobnicate/);
    expect(chatRequests()).toHaveLength(0);
  });
});
