import { loadConfig } from '@conduit/config';
import { Subjects, type LlmChatCompleteRequest } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import {
  FakeAnthropicServer,
  FakeOpenAIServer,
  inMemoryTracing,
  startTestBus,
  type TestBus,
} from '@conduit/testing';
import type { RecordedRequest } from '@conduit/testing';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { LlmConfigSchema } from '../src/config/llm-config.schema';
import { streamEvents, type SequencedEvent } from './support/stream-events';

/**
 * The provider call's span against the wire-faithful fakes: the GenAI attributes with the
 * values sent and received, the W3C trace context and our request id arriving upstream, and
 * the provider's own request id recorded — for OpenAI and Anthropic, JSON and streaming.
 */
describe('provider call tracing', () => {
  const exporter = inMemoryTracing();
  let bus: TestBus;
  let client: MessagingClient;
  let openai: FakeOpenAIServer;
  let anthropic: FakeAnthropicServer;

  beforeAll(async () => {
    openai = await FakeOpenAIServer.start({ apiKey: 'sk-openai-test' });
    anthropic = await FakeAnthropicServer.start({ apiKey: 'sk-ant-test' });
    bus = await startTestBus();
    const catalogPath = join(mkdtempSync(join(tmpdir(), 'llm-tracing-')), 'models.yaml');
    writeFileSync(
      catalogPath,
      `
defaults:
  retry: { max_attempts: 1, initial_delay_ms: 10, max_delay_ms: 50 }
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
      - { input_usd_per_mtok: 5, output_usd_per_mtok: 25 }
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
    exporter.reset();
    openai.reset();
    anthropic.reset();
  });

  let counter = 0;
  const newRequestId = () => `req_tracing_${++counter}_${Date.now()}`;

  /** The finished provider spans of one of our requests, in start order. */
  async function providerSpans(requestId: string, expected = 1): Promise<ReadableSpan[]> {
    const of = () =>
      exporter
        .getFinishedSpans()
        .filter(
          (span) =>
            span.kind === SpanKind.CLIENT && span.attributes['conduit.request_id'] === requestId,
        )
        .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    // A stream's span ends once the relay has published its last event: wait for it.
    for (let attempt = 0; attempt < 100 && of().length < expected; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return of();
  }

  const chatRequests = (fake: { requests: RecordedRequest[] }, path: string) =>
    fake.requests.filter((request) => request.path === path);

  /** The trace context and our id arrived with the request, naming this very span. */
  function expectPropagated(sent: RecordedRequest, span: ReadableSpan, requestId: string): void {
    const { traceId, spanId } = span.spanContext();
    expect(sent.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(sent.headers['x-request-id']).toBe(requestId);
    // Baggage is ours and stays inside.
    expect(sent.headers.baggage).toBeUndefined();
  }

  const completeChat = (payload: LlmChatCompleteRequest) =>
    client.request(Subjects.llmChatComplete, payload, { timeoutMs: 15_000 });

  const chunkIdOf = (events: SequencedEvent[]) => {
    for (const event of events) {
      if (event.kind === 'chunk') return event.chunk.id;
      if (event.kind === 'chunks') return event.chunks[0].id;
    }
    return undefined;
  };

  describe('OpenAI', () => {
    const request = {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'trace the parameters' }],
      max_completion_tokens: 64,
      temperature: 0.3,
      top_p: 0.9,
      seed: 7,
      stop: ['NEVER'],
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
    };
    const expectedRequestAttributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stop_sequences': ['NEVER'],
      'gen_ai.request.frequency_penalty': 0.1,
      'gen_ai.request.presence_penalty': 0.2,
      'server.address': '127.0.0.1',
      'conduit.model': 'openai/gpt-4o-mini',
      'conduit.provider.deployment': 'openai',
      'conduit.requested_model': 'openai/gpt-4o-mini',
      'conduit.fallback': false,
      'conduit.attempt': 1,
    };

    it('a JSON call: request, response, usage and cost on the span; trace context and ids upstream', async () => {
      const requestId = newRequestId();
      const { completion, charge } = await completeChat({ requestId, request });
      const [span] = await providerSpans(requestId);
      expect(span.name).toBe('chat gpt-4o-mini');
      expect(span.attributes).toMatchObject({
        ...expectedRequestAttributes,
        'server.port': Number(new URL(openai.baseUrl).port),
        'gen_ai.response.id': completion.id,
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': completion.usage.prompt_tokens,
        'gen_ai.usage.output_tokens': completion.usage.completion_tokens,
        'conduit.cost_micro_usd': charge.costMicroUsd,
        'conduit.request_id': requestId,
      });
      expect(span.attributes['gen_ai.response.model']).toMatch(/^gpt-4o-mini/);
      expect(span.attributes['gen_ai.request.stream']).toBeUndefined();
      expect(span.attributes['error.type']).toBeUndefined();

      const [sent] = chatRequests(openai, '/v1/chat/completions');
      expectPropagated(sent, span, requestId);
      expect(sent.headers['x-client-request-id']).toBe(requestId);
      expect(sent.response.requestId).toMatch(/^req_[0-9a-f]{32}$/);
      expect(span.attributes['conduit.provider.request_id']).toBe(sent.response.requestId);
    });

    it('a stream: the same, with the stream flag and the chunks’ completion id', async () => {
      const requestId = newRequestId();
      const { events } = await streamEvents(client, { requestId, request });
      const end = events.at(-1);
      if (end?.kind !== 'end') throw new Error(`the stream ended with ${end?.kind}`);
      const [span] = await providerSpans(requestId);
      expect(span.attributes).toMatchObject({
        ...expectedRequestAttributes,
        'gen_ai.request.stream': true,
        'gen_ai.response.id': chunkIdOf(events),
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': end.usage.prompt_tokens,
        'gen_ai.usage.output_tokens': end.usage.completion_tokens,
        'conduit.cost_micro_usd': end.charge.costMicroUsd,
        'conduit.request_id': requestId,
      });
      expect(span.attributes['gen_ai.response.model']).toMatch(/^gpt-4o-mini/);

      const [sent] = chatRequests(openai, '/v1/chat/completions');
      expectPropagated(sent, span, requestId);
      expect(span.attributes['conduit.provider.request_id']).toBe(sent.response.requestId);
    });

    it('a refused call: error.type, and the provider request id of the error response', async () => {
      openai.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 0 });
      const requestId = newRequestId();
      await expect(completeChat({ requestId, request })).rejects.toMatchObject({
        type: 'rate_limit_exceeded',
      });
      const [span] = await providerSpans(requestId);
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBe('rate_limit_exceeded');
      const [sent] = chatRequests(openai, '/v1/chat/completions');
      expectPropagated(sent, span, requestId);
      expect(sent.response.requestId).toMatch(/^req_/);
      expect(span.attributes['conduit.provider.request_id']).toBe(sent.response.requestId);
    });
  });

  describe('Anthropic', () => {
    const request = {
      model: 'quality',
      messages: [{ role: 'user' as const, content: 'trace the parameters' }],
      max_tokens: 100,
      stop: ['NEVER'],
    };
    const expectedRequestAttributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-opus-4-5-20251101',
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.stop_sequences': ['NEVER'],
      'server.address': '127.0.0.1',
      'conduit.model': 'anthropic/claude-opus-4-5',
      'conduit.provider.deployment': 'anthropic',
      // Asked for by its alias: not a fallback.
      'conduit.requested_model': 'quality',
      'conduit.fallback': false,
    };

    it('a JSON call: the message id and model, usage and cost; trace context and ids upstream', async () => {
      const requestId = newRequestId();
      const { completion, charge } = await completeChat({ requestId, request });
      const [span] = await providerSpans(requestId);
      expect(span.name).toBe('chat claude-opus-4-5-20251101');
      expect(span.attributes).toMatchObject({
        ...expectedRequestAttributes,
        'gen_ai.response.model': 'claude-opus-4-5-20251101',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': completion.usage.prompt_tokens,
        'gen_ai.usage.output_tokens': completion.usage.completion_tokens,
        'conduit.cost_micro_usd': charge.costMicroUsd,
        'conduit.request_id': requestId,
      });
      expect(span.attributes['gen_ai.response.id']).toMatch(/^msg_01/);
      // Temperature and top_p are not sent to Anthropic (see its request mapper): not recorded.
      expect(span.attributes['gen_ai.request.temperature']).toBeUndefined();

      const [sent] = chatRequests(anthropic, '/v1/messages');
      expectPropagated(sent, span, requestId);
      expect(sent.response.requestId).toMatch(/^req_011C/);
      expect(span.attributes['conduit.provider.request_id']).toBe(sent.response.requestId);
    });

    it('a stream: the message id from message_start, finish reasons, usage and cost', async () => {
      const requestId = newRequestId();
      const { events } = await streamEvents(client, { requestId, request });
      const end = events.at(-1);
      if (end?.kind !== 'end') throw new Error(`the stream ended with ${end?.kind}`);
      const [span] = await providerSpans(requestId);
      expect(span.attributes).toMatchObject({
        ...expectedRequestAttributes,
        'gen_ai.request.stream': true,
        'gen_ai.response.model': 'claude-opus-4-5-20251101',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': end.usage.prompt_tokens,
        'gen_ai.usage.output_tokens': end.usage.completion_tokens,
        'conduit.cost_micro_usd': end.charge.costMicroUsd,
        'conduit.request_id': requestId,
      });
      expect(span.attributes['gen_ai.response.id']).toMatch(/^msg_01/);

      const [sent] = chatRequests(anthropic, '/v1/messages');
      expectPropagated(sent, span, requestId);
      expect(span.attributes['conduit.provider.request_id']).toBe(sent.response.requestId);
    });

    it('a failed attempt then a fallback: one span each, error.type on the first, fallback on the second', async () => {
      anthropic.enqueueFault({ kind: 'serverError', status: 529 });
      const requestId = newRequestId();
      const { completion } = await completeChat({ requestId, request });
      expect(completion.model).toBe('openai/gpt-4o-mini');
      const [failed, fallback] = await providerSpans(requestId, 2);
      expect(failed.attributes).toMatchObject({
        'gen_ai.provider.name': 'anthropic',
        'error.type': 'provider_error',
        'conduit.error.code': 'overloaded',
        'conduit.fallback': false,
      });
      const [refused] = chatRequests(anthropic, '/v1/messages');
      expect(failed.attributes['conduit.provider.request_id']).toBe(refused.response.requestId);
      expect(fallback.attributes).toMatchObject({
        'gen_ai.provider.name': 'openai',
        'conduit.model': 'openai/gpt-4o-mini',
        'conduit.requested_model': 'quality',
        'conduit.fallback': true,
        'conduit.request_id': requestId,
      });
      expect(fallback.attributes['error.type']).toBeUndefined();
      // Both attempts are children of the same parent, each propagated as itself.
      expect(failed.parentSpanContext?.spanId).toBe(fallback.parentSpanContext?.spanId);
      expectPropagated(refused, failed, requestId);
      expectPropagated(chatRequests(openai, '/v1/chat/completions')[0], fallback, requestId);
    });
  });
});
