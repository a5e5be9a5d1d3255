import { loadConfig } from '@conduit/config';
import { Subjects, type LlmChatCompleteRequest } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import {
  FakeAnthropicServer,
  FakeOpenAIServer,
  startTestBus,
  type TestBus,
} from '@conduit/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { LlmConfigSchema } from '../src/config/llm-config.schema';
import { chatPayload, streamEvents } from './support/stream-events';

/**
 * Anthropic models through the llm service on real NATS, against the wire-faithful fake
 * Messages API: mapping both ways, streaming, tools, prompt-cache pricing, retries and a
 * fallback to another provider.
 */
describe('Anthropic models over NATS', () => {
  let bus: TestBus;
  let client: MessagingClient;
  let anthropic: FakeAnthropicServer;
  let openai: FakeOpenAIServer;

  beforeAll(async () => {
    anthropic = await FakeAnthropicServer.start({ apiKey: 'sk-ant-test' });
    openai = await FakeOpenAIServer.start({ apiKey: 'sk-openai-test' });
    bus = await startTestBus();
    const catalogPath = join(mkdtempSync(join(tmpdir(), 'llm-anthropic-')), 'models.yaml');
    writeFileSync(
      catalogPath,
      `
defaults:
  retry: { max_attempts: 2, initial_delay_ms: 10, max_delay_ms: 50 }
providers:
  anthropic: { type: anthropic, base_url: "${anthropic.baseUrl}", api_key_env: TEST_ANTHROPIC_KEY }
  openai: { type: openai, base_url: "${openai.baseUrl}", api_key_env: TEST_OPENAI_KEY }
models:
  - id: anthropic/claude-opus-4-5
    provider: anthropic
    upstream_model: claude-opus-4-5-20251101
    aliases: [quality]
    context_window: 200000
    max_output_tokens: 32000
    prices:
      - { input_usd_per_mtok: 5, output_usd_per_mtok: 25, cached_input_usd_per_mtok: 0.5, cache_write_usd_per_mtok: 6.25 }
    fallbacks: [openai/gpt-4o-mini]
  - provider: openai
    upstream_model: gpt-4o-mini
`,
    );
    const env = {
      ...bus.env,
      LLM_CATALOG_FILE: catalogPath,
      TEST_ANTHROPIC_KEY: 'sk-ant-test',
      TEST_OPENAI_KEY: 'sk-openai-test',
    };
    await bus.boot(AppModule.forRoot(loadConfig(LlmConfigSchema, env), env));
    client = bus.client;
  });

  afterAll(async () => {
    await bus?.close();
    await anthropic?.stop();
    await openai?.stop();
  });

  beforeEach(() => {
    anthropic.reset();
    openai.reset();
  });

  const complete = (payload: LlmChatCompleteRequest) =>
    client.request(Subjects.llmChatComplete, payload, { timeoutMs: 15_000 });
  const sentToAnthropic = () =>
    anthropic.requests.filter((request) => request.path === '/v1/messages');

  it('maps an OpenAI request to the Messages API and the answer back, priced', async () => {
    const { completion, charge, usageEstimated } = await complete({
      requestId: 'req_anthropic_1',
      request: {
        model: 'quality',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello' },
          { role: 'user', content: 'and hello again' },
        ],
        max_tokens: 100,
        stop: ['NEVER'],
      },
    });
    const [sent] = sentToAnthropic();
    expect(sent.body).toMatchObject({
      model: 'claude-opus-4-5-20251101',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.' }],
      // Consecutive user messages become one turn: Anthropic needs alternating roles.
      messages: [{ role: 'user', content: [{ text: 'hello' }, { text: 'and hello again' }] }],
      stop_sequences: ['NEVER'],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'anthropic/claude-opus-4-5',
      choices: [
        {
          // The fake answers the text of the last user turn, here both merged messages.
          message: { role: 'assistant', content: 'Fake reply to: helloand hello again' },
          finish_reason: 'stop',
        },
      ],
    });
    expect(usageEstimated).toBe(false);
    const { prompt_tokens: input, completion_tokens: output } = completion.usage;
    expect(charge).toMatchObject({ model: 'anthropic/claude-opus-4-5', provider: 'anthropic' });
    expect(charge.costMicroUsd).toBe(Math.ceil(input * 5 + output * 25));
  });

  it('sends the model output limit as max_tokens when the caller set none', async () => {
    await complete(chatPayload('quality', 'x'));
    expect(sentToAnthropic()[0].body).toMatchObject({ max_tokens: 32000 });
  });

  it('charges prompt-cache writes and reads at their own prices', async () => {
    const request = {
      model: 'quality',
      messages: [
        {
          role: 'system' as const,
          content: [
            {
              type: 'text' as const,
              text: 'A long, stable system prompt worth caching. '.repeat(20),
              // Conduit's extension of OpenAI's text parts: a prompt-cache breakpoint.
              cache_control: { type: 'ephemeral' as const },
            },
          ],
        },
        { role: 'user' as const, content: 'first question' },
      ],
    };
    const first = await complete({ requestId: 'req_cache_1', request });
    expect(sentToAnthropic()[0].body).toMatchObject({
      system: [{ type: 'text', cache_control: { type: 'ephemeral' } }],
    });
    const written = first.completion.usage.prompt_tokens_details![
      'cache_creation_tokens'
    ] as number;
    expect(written).toBeGreaterThan(0);
    // $5 plain input, $6.25 cache writes, $25 output per million tokens, rounded up.
    const plain = first.completion.usage.prompt_tokens - written;
    expect(first.charge.costMicroUsd).toBe(
      Math.ceil(plain * 5 + written * 6.25 + first.completion.usage.completion_tokens * 25),
    );

    const second = await complete({ requestId: 'req_cache_2', request });
    const read = second.completion.usage.prompt_tokens_details!.cached_tokens!;
    expect(read).toBe(written);
    const uncached = second.completion.usage.prompt_tokens - read;
    expect(second.charge.costMicroUsd).toBe(
      Math.ceil(uncached * 5 + read * 0.5 + second.completion.usage.completion_tokens * 25),
    );
    expect(second.charge.costMicroUsd).toBeLessThan(first.charge.costMicroUsd);
  });

  it('streams Anthropic events as OpenAI chunks and ends with the usage', async () => {
    const { events, accepted } = await streamEvents(client, chatPayload('quality', 'stream me'));
    expect(accepted.model).toBe('anthropic/claude-opus-4-5');
    const text = events
      .map((event) => (event.kind === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(text).toBe('Fake reply to: stream me');
    const end = events.at(-1)!;
    expect(end).toMatchObject({ kind: 'end', finishReason: 'stop', usageEstimated: false });
    expect(end.kind === 'end' && end.usage.completion_tokens).toBeGreaterThan(0);
    expect(sentToAnthropic()[0].body).toMatchObject({ stream: true });
  });

  it('passes tools through and maps tool_use to tool_calls, streamed too', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          description: 'Weather in a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      },
    ];
    const request = {
      model: 'quality',
      messages: [{ role: 'user' as const, content: 'Berlin please' }],
      tools,
      tool_choice: 'required' as const,
    };
    const { completion } = await complete({ requestId: 'req_tools', request });
    expect(sentToAnthropic()[0].body).toMatchObject({
      tools: [{ name: 'get_weather', input_schema: tools[0].function.parameters }],
      tool_choice: { type: 'any' },
    });
    const [call] = completion.choices[0].message.tool_calls!;
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');

    const { events } = await streamEvents(client, { requestId: 'req_tools_s', request });
    const args = events
      .flatMap((event) =>
        event.kind === 'chunk' ? (event.chunk.choices[0]?.delta.tool_calls ?? []) : [],
      )
      .map((delta) => delta.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(args)).toEqual(JSON.parse(call.function.arguments));
    expect(events.at(-1)).toMatchObject({ kind: 'end', finishReason: 'tool_calls' });
  });

  it('retries an overloaded (529) Anthropic, then answers', async () => {
    anthropic.enqueueFault({ kind: 'serverError', status: 529 });
    const { completion } = await complete(chatPayload('quality', 'busy?'));
    expect(completion.model).toBe('anthropic/claude-opus-4-5');
    expect(sentToAnthropic()).toHaveLength(2);
  });

  it('falls back to the OpenAI model when Anthropic keeps failing, charged at its price', async () => {
    anthropic.enqueueFault(
      { kind: 'rateLimit', retryAfterSeconds: 0 },
      { kind: 'serverError', status: 529 },
    );
    const { completion, charge } = await complete(chatPayload('quality', 'anyone?'));
    expect(completion.model).toBe('openai/gpt-4o-mini');
    expect(charge.priceVersion).toBe('openai/gpt-4o-mini@2024-07-18');
    expect(sentToAnthropic()).toHaveLength(2);
  });

  it("maps Anthropic's errors to the taxonomy and does not retry the caller's mistakes", async () => {
    await expect(
      complete({
        requestId: 'req_bad',
        request: { model: 'quality', messages: [{ role: 'user', content: 'x' }], n: 2 },
      }),
    ).rejects.toMatchObject({ type: 'validation_error', param: 'n' });
    expect(sentToAnthropic()).toHaveLength(0);

    anthropic.enqueueFault({
      kind: 'status',
      status: 400,
      body: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'prompt is too long: 250000 tokens > 200000 maximum',
        },
      },
    });
    await expect(complete(chatPayload('quality', 'x'))).rejects.toMatchObject({
      type: 'context_length_exceeded',
    });
    expect(sentToAnthropic()).toHaveLength(1);
  });

  it('turns an error event in the middle of a stream into an error event with the usage so far', async () => {
    anthropic.enqueueFault({ kind: 'errorEvent', afterChunks: 5 });
    const { events } = await streamEvents(client, chatPayload('quality', 'a longer answer to cut'));
    expect(events.at(-1)).toMatchObject({ kind: 'error' });
    expect(sentToAnthropic()).toHaveLength(1);
  });
});
