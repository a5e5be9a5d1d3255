import { ConfigError, loadConfig } from '@conduit/config';
import {
  ContextLengthExceededError,
  NotFoundError,
  Subjects,
  type ChatStreamEvent,
  type Usage,
} from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import { FakeOpenAIServer, startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { LlmConfigSchema } from '../src/config/llm-config.schema';
import { chatPayload as ask, streamEvents } from './support/stream-events';

// Prices in micro-USD per million tokens, as configured below or listed by OpenAI.
const ECHO = { input: 10_000_000, output: 30_000_000 }; // the local default, $10 / $30
const MINI = { input: 150_000, output: 600_000 }; // gpt-4o-mini's built-in list price
const GPT_4O = { input: 3_000_000, output: 12_000_000 }; // the dated override below
const MY_MODEL = { input: 500_000, output: 1_500_000 };

/** The price math, done by hand: per-million prices, rounded up to a whole micro-USD. */
function costOf(usage: Usage, price: { input: number; output: number }): number {
  return Math.ceil(
    (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1_000_000,
  );
}

function lastEvent<K extends ChatStreamEvent['kind']>(events: ChatStreamEvent[], kind: K) {
  const last = events.at(-1);
  expect(last?.kind).toBe(kind);
  return last as Extract<ChatStreamEvent, { kind: K }>;
}

/** Quotes and charges of the llm service over real NATS, its OpenAI provider on the fake. */
describe('llm pricing over NATS', () => {
  let bus: TestBus;
  let client: MessagingClient;
  let fake: FakeOpenAIServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({
      apiKey: 'sk-test',
      models: ['gpt-4o-mini', 'gpt-4o', 'my-model'],
    });
    bus = await startTestBus();
    env = {
      ...bus.env,
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODELS: 'gpt-4o-mini,gpt-4o,my-model',
      OPENAI_MODEL_PRICES: JSON.stringify({
        'gpt-4o': { input_usd_per_mtok: 3, output_usd_per_mtok: 12, effective_from: '2025-01-01' },
        'my-model': {
          input_usd_per_mtok: 0.5,
          output_usd_per_mtok: 1.5,
          context_window: 4096,
          max_output_tokens: 1024,
        },
      }),
      LOCAL_PRICE_EFFECTIVE_FROM: '2025-06-01',
    };
    await bus.boot(AppModule.forRoot(loadConfig(LlmConfigSchema, env)));
    client = bus.client;
  });

  afterAll(async () => {
    await bus?.close();
    await fake?.stop();
  });

  beforeEach(() => fake.reset());

  describe('llm.v1.chat.quote', () => {
    it('counts the input and prices the worst case at the current price', async () => {
      // 'ping' is 8 prompt tokens: 8 × $10 + 10 × $30 per million = 80 + 300 micro-USD
      expect(
        await client.request(Subjects.llmChatQuote, ask('local/echo', 'ping', { max_tokens: 10 })),
      ).toEqual({
        model: 'local/echo',
        provider: 'local',
        inputTokens: 8,
        maxOutputTokens: 10,
        worstCaseMicroUsd: 380,
        priceVersion: 'local/echo@2025-06-01',
      });
    });

    it('resolves a bare id and assumes the output limit when max_tokens is not set', async () => {
      const payload = ask('gpt-4o-mini', 'ping');
      const quote = await client.request(Subjects.llmChatQuote, payload);
      // 8 × 0.15 + 16384 × 0.60 = 9831.6, rounded up
      expect(quote).toEqual({
        model: 'openai/gpt-4o-mini',
        provider: 'openai',
        inputTokens: 8,
        maxOutputTokens: 16_384,
        worstCaseMicroUsd: 9832,
        priceVersion: 'openai/gpt-4o-mini@2024-07-18',
      });
      // The quote counts the input exactly as the provider then reports it.
      const { completion } = await client.request(Subjects.llmChatComplete, payload);
      expect(completion.usage.prompt_tokens).toBe(quote.inputTokens);
    });

    it('uses configured prices and limits', async () => {
      const quote = await client.request(
        Subjects.llmChatQuote,
        ask('openai/my-model', 'ping', { n: 2 }),
      );
      // 8 × 0.5 + 2 × 1024 × 1.5 = 4 + 3072
      expect(quote).toMatchObject({
        maxOutputTokens: 2048,
        worstCaseMicroUsd: 3076,
        priceVersion: 'openai/my-model@1970-01-01',
      });
      expect(fake.requests).toHaveLength(0);
    });

    it('refuses an unknown model like chat does, and a request that cannot fit', async () => {
      await expect(
        client.request(Subjects.llmChatQuote, ask('openai/gpt-9', 'x')),
      ).rejects.toMatchObject({ type: 'not_found', code: 'model_not_found', param: 'model' });
      await expect(
        client.request(Subjects.llmChatQuote, ask('openai/gpt-9', 'x')),
      ).rejects.toBeInstanceOf(NotFoundError);
      const tooLong = client.request(
        Subjects.llmChatQuote,
        ask('openai/my-model', 'word '.repeat(3100), { max_tokens: 1000 }),
      );
      await expect(tooLong).rejects.toBeInstanceOf(ContextLengthExceededError);
      await expect(tooLong).rejects.toMatchObject({
        details: { context_window: 4096, max_output_tokens: 1000 },
      });
      // Above the model's output limit: refused as OpenAI does, naming the limit.
      await expect(
        client.request(Subjects.llmChatQuote, ask('openai/my-model', 'ping', { max_tokens: 4090 })),
      ).rejects.toMatchObject({
        type: 'validation_error',
        code: 'max_tokens_too_large',
        param: 'max_tokens',
        details: { max_output_tokens: 1024, requested: 4090 },
      });
    });
  });

  describe('charges', () => {
    it('charges a completion what the provider reported, at the price in effect', async () => {
      const result = await client.request(
        Subjects.llmChatComplete,
        ask('openai/gpt-4o', 'what does this cost?', { conduit: { include_cost: true } }),
      );
      expect(result.usageEstimated).toBe(false);
      expect(result.completion.usage.completion_tokens).toBeGreaterThan(0);
      expect(result.charge).toEqual({
        model: 'openai/gpt-4o',
        provider: 'openai',
        costMicroUsd: costOf(result.completion.usage, GPT_4O),
        priceVersion: 'openai/gpt-4o@2025-01-01',
      });
      // Conduit's own options never reach the provider.
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].body).not.toHaveProperty('conduit');
    });

    it('charges local/echo its demo price', async () => {
      const { completion, charge } = await client.request(
        Subjects.llmChatComplete,
        ask('local/echo', 'a short echo'),
      );
      expect(charge.costMicroUsd).toBe(costOf(completion.usage, ECHO));
      expect(charge.costMicroUsd).toBeGreaterThan(0);
      expect(charge.priceVersion).toBe('local/echo@2025-06-01');
    });

    it('ends a stream with its charge', async () => {
      const { events } = await streamEvents(
        client,
        ask('openai/gpt-4o-mini', 'stream me', { stream: true }),
      );
      const end = lastEvent(events, 'end');
      expect(end.usageEstimated).toBe(false);
      expect(end.charge).toEqual({
        model: 'openai/gpt-4o-mini',
        provider: 'openai',
        costMicroUsd: costOf(end.usage, MINI),
        priceVersion: 'openai/gpt-4o-mini@2024-07-18',
      });
    });

    it('charges a cancelled stream for the usage so far', async () => {
      fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 50 });
      const payload = ask('openai/gpt-4o-mini', 'a slow and rather long answer', { stream: true });
      let sent = false;
      const { events } = await streamEvents(client, payload, (cancelSubject, chunks) => {
        // The role chunk, then two tokens of content: something was generated.
        if (sent || !cancelSubject || chunks < 3) return;
        sent = true;
        client.publish(cancelSubject, { requestId: payload.requestId, reason: 'client gone' });
      });
      const error = lastEvent(events, 'error');
      expect(error.error).toMatchObject({ type: 'timeout', code: 'cancelled' });
      expect(error.usage!.completion_tokens).toBeGreaterThanOrEqual(2);
      expect(error.charge).toEqual({
        model: 'openai/gpt-4o-mini',
        provider: 'openai',
        costMicroUsd: costOf(error.usage!, MINI),
        priceVersion: 'openai/gpt-4o-mini@2024-07-18',
      });
      // More than the prompt alone: the generated tokens are paid for.
      expect(error.charge!.costMicroUsd).toBeGreaterThan(
        costOf({ ...error.usage!, completion_tokens: 0 }, MINI),
      );
      await fake.waitForAbortedStreams(1, 3000);
    });

    it('charges a cut stream for what it delivered', async () => {
      fake.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 4 });
      const { events } = await streamEvents(
        client,
        ask('openai/my-model', 'this will be cut', { stream: true }),
      );
      const error = lastEvent(events, 'error');
      expect(error.error.type).toBe('provider_error');
      expect(error.usage!.completion_tokens).toBeGreaterThan(0);
      expect(error.charge!.costMicroUsd).toBe(costOf(error.usage!, MY_MODEL));
      expect(error.charge!.model).toBe('openai/my-model');
    });

    it('charges from a count, never $0, when the provider omits usage', async () => {
      const payload = ask('openai/gpt-4o-mini', 'count these tokens yourself');
      const reported = await client.request(Subjects.llmChatComplete, payload);

      fake.enqueueFault({ kind: 'omitUsage' });
      const counted = await client.request(Subjects.llmChatComplete, payload);
      expect(counted.usageEstimated).toBe(true);
      expect(counted.completion.usage).toMatchObject({
        prompt_tokens: reported.completion.usage.prompt_tokens,
        completion_tokens: reported.completion.usage.completion_tokens,
      });
      expect(counted.charge.costMicroUsd).toBe(reported.charge.costMicroUsd);
      expect(counted.charge.costMicroUsd).toBeGreaterThan(0);

      fake.enqueueFault({ kind: 'omitUsage' });
      const { events } = await streamEvents(client, {
        ...payload,
        request: { ...payload.request, stream: true },
      });
      const end = lastEvent(events, 'end');
      expect(end.usageEstimated).toBe(true);
      expect(end.usage.completion_tokens).toBe(reported.completion.usage.completion_tokens);
      expect(end.charge.costMicroUsd).toBe(reported.charge.costMicroUsd);
    });
  });

  it('refuses to boot with an OpenAI model it has no price for', () => {
    const unpriced = { ...env, OPENAI_MODELS: 'gpt-4o-mini,gpt-4o,my-model,mystery-model' };
    expect(() => loadConfig(LlmConfigSchema, unpriced)).toThrow(ConfigError);
    expect(() => loadConfig(LlmConfigSchema, unpriced)).toThrow(
      /OPENAI_MODELS=".*": no price is known for the model 'mystery-model': give it one in OPENAI_MODEL_PRICES/,
    );
  });
});
