import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer, FakeOpenAIServer } from '@conduit/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { eventually } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

/**
 * The whole system driven by the official `@anthropic-ai/sdk` through `/v1/messages`, and by
 * the `openai` client reaching an Anthropic model: every model is reachable through both APIs.
 */
describe('Anthropic Messages API and Anthropic models through the gateway (e2e)', () => {
  let system: RunningSystem;
  let upstreamAnthropic: FakeAnthropicServer;
  let upstreamOpenAI: FakeOpenAIServer;
  let anthropic: Anthropic;
  let openai: OpenAI;

  beforeAll(async () => {
    upstreamAnthropic = await FakeAnthropicServer.start({ apiKey: 'sk-ant-upstream' });
    upstreamOpenAI = await FakeOpenAIServer.start({ apiKey: 'sk-openai-upstream' });
    const catalog = join(mkdtempSync(join(tmpdir(), 'messages-e2e-')), 'models.yaml');
    writeFileSync(
      catalog,
      `
defaults:
  retry: { max_attempts: 2, initial_delay_ms: 10, max_delay_ms: 20 }
providers:
  anthropic: { type: anthropic, base_url: "${upstreamAnthropic.baseUrl}", api_key_env: E2E_ANTHROPIC_KEY }
  openai: { type: openai, base_url: "${upstreamOpenAI.baseUrl}", api_key_env: E2E_OPENAI_KEY }
  local: { type: local }
models:
  - id: anthropic/claude-opus-4-5
    provider: anthropic
    upstream_model: claude-opus-4-5-20251101
    aliases: [quality]
    context_window: 200000
    max_output_tokens: 32000
    prices: [{ input_usd_per_mtok: 5, output_usd_per_mtok: 25 }]
    fallbacks: [openai/gpt-4o-mini]
  - provider: openai
    upstream_model: gpt-4o-mini
    aliases: [fast]
  - provider: local
    upstream_model: echo
    prices: [{ input_usd_per_mtok: 10, output_usd_per_mtok: 30 }]
`,
    );
    system = await startSystem({
      env: {
        LLM_CATALOG_FILE: catalog,
        E2E_ANTHROPIC_KEY: 'sk-ant-upstream',
        E2E_OPENAI_KEY: 'sk-openai-upstream',
      },
    });
    anthropic = new Anthropic({ apiKey: system.adminKey, baseURL: system.baseUrl, maxRetries: 0 });
    openai = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await system?.close();
    await upstreamAnthropic?.stop();
    await upstreamOpenAI?.stop();
  });

  beforeEach(() => {
    upstreamAnthropic.reset();
    upstreamOpenAI.reset();
  });

  describe('POST /v1/messages with @anthropic-ai/sdk', () => {
    it('answers from local/echo in Anthropic shape, with the served model and cost', async () => {
      const { data: message, response } = await anthropic.messages
        .create({
          model: 'local/echo',
          max_tokens: 100,
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'hello from the anthropic sdk' }],
        })
        .withResponse();
      expect(message).toMatchObject({
        type: 'message',
        role: 'assistant',
        model: 'local/echo',
        content: [{ type: 'text', text: 'hello from the anthropic sdk' }],
        stop_reason: 'end_turn',
      });
      expect(message.id).toMatch(/^msg_/);
      expect(message.usage.input_tokens).toBeGreaterThan(0);
      expect(message.usage.output_tokens).toBeGreaterThan(0);
      expect(response.headers.get('x-conduit-served-by')).toBe('local/echo');
      expect(Number(response.headers.get('x-conduit-cost-usd'))).toBeGreaterThan(0);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    });

    it('streams, and the SDK rebuilds the same message from the events', async () => {
      const stream = anthropic.messages.stream({
        model: 'fast',
        max_tokens: 200,
        messages: [{ role: 'user', content: 'stream through openai' }],
      });
      const seen: string[] = [];
      stream.on('streamEvent', (event) => seen.push(event.type));
      const message = await stream.finalMessage();
      expect(message.model).toBe('openai/gpt-4o-mini');
      expect(message.content).toEqual([
        expect.objectContaining({ type: 'text', text: 'Fake reply to: stream through openai' }),
      ]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.output_tokens).toBeGreaterThan(0);
      expect(message.usage.input_tokens).toBeGreaterThan(0);
      expect(seen[0]).toBe('message_start');
      expect(seen.at(-1)).toBe('message_stop');
      expect(seen).toContain('content_block_delta');
    });

    it('reaches an Anthropic model end to end, tools included', async () => {
      const message = await anthropic.messages.create({
        model: 'quality',
        max_tokens: 300,
        tools: [
          {
            name: 'get_weather',
            description: 'Weather in a city',
            input_schema: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        ],
        tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      });
      expect(message.model).toBe('anthropic/claude-opus-4-5');
      expect(message.stop_reason).toBe('tool_use');
      const toolUse = message.content.find((block) => block.type === 'tool_use');
      expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather' });
      expect(toolUse && 'input' in toolUse && toolUse.input).toHaveProperty('city');
      const [upstream] = upstreamAnthropic.requests.filter((r) => r.path === '/v1/messages');
      expect(upstream.body).toMatchObject({
        model: 'claude-opus-4-5-20251101',
        tool_choice: { type: 'any' },
      });
    });

    it('answers bad input, unknown models and bad keys with the SDK error classes', async () => {
      const failure = (promise: Promise<unknown>) =>
        promise.then(
          () => undefined,
          (error: unknown) => error,
        );
      const badRequest = await failure(
        anthropic.messages.create({
          model: 'local/echo',
          messages: [{ role: 'user', content: 'x' }],
        } as unknown as Anthropic.MessageCreateParamsNonStreaming),
      );
      expect(badRequest).toBeInstanceOf(Anthropic.BadRequestError);
      const body = (badRequest as InstanceType<typeof Anthropic.APIError>).error as {
        type: string;
        error: { type: string; message: string };
      };
      expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(body.error.message).toMatch(/max_tokens/);
      expect((badRequest as InstanceType<typeof Anthropic.APIError>).requestID).toMatch(/^req_/);

      const unknown = await failure(
        anthropic.messages.create({
          model: 'nope/nothing',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        }),
      );
      expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);

      const stranger = new Anthropic({
        apiKey: 'sk-cnd-not-a-real-key',
        baseURL: system.baseUrl,
        maxRetries: 0,
      });
      const unauthorized = await failure(
        stranger.messages.create({
          model: 'local/echo',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        }),
      );
      expect(unauthorized).toBeInstanceOf(Anthropic.AuthenticationError);
    });

    it('passes prompt-cache breakpoints to Anthropic models and reports cache writes, then reads', async () => {
      const ask = () =>
        anthropic.messages.create({
          model: 'quality',
          max_tokens: 50,
          system: [
            {
              type: 'text',
              text: 'A long and stable set of instructions. '.repeat(30),
              cache_control: { type: 'ephemeral' },
            },
          ],
          messages: [{ role: 'user', content: 'first' }],
        });
      const first = await ask();
      expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
      const second = await ask();
      expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
      expect(second.usage.cache_creation_input_tokens).toBe(0);
    });

    it('falls back across providers and says which model served', async () => {
      upstreamAnthropic.enqueueFault(
        { kind: 'serverError', status: 529 },
        { kind: 'serverError', status: 529 },
      );
      const { data: message, response } = await anthropic.messages
        .create({ model: 'quality', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(message.model).toBe('openai/gpt-4o-mini');
      expect(response.headers.get('x-conduit-served-by')).toBe('openai/gpt-4o-mini');
    });
  });

  describe('POST /v1/messages/count_tokens', () => {
    const messages = [{ role: 'user' as const, content: 'How many tokens is this question?' }];

    it('asks Anthropic for an Anthropic model, and books a free usage row', async () => {
      const { data, response } = await anthropic.messages
        .countTokens({ model: 'quality', system: 'Be brief.', messages })
        .withResponse();
      const sent = upstreamAnthropic.requests.find(
        (recorded) => recorded.path === '/v1/messages/count_tokens',
      );
      expect(sent?.body).toMatchObject({
        model: 'claude-opus-4-5-20251101',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'How many tokens is this question?' }] },
        ],
      });
      expect(sent?.body).not.toHaveProperty('max_tokens');
      // The fake's own answer for that body, asked directly.
      const direct = (await (
        await fetch(`${upstreamAnthropic.baseUrl}/v1/messages/count_tokens`, {
          method: 'POST',
          headers: {
            'x-api-key': 'sk-ant-upstream',
            'anthropic-version': '2023-06-01',
            'content-type': 'application/json',
          },
          body: JSON.stringify(sent?.body),
        })
      ).json()) as { input_tokens: number };
      expect(data.input_tokens).toBe(direct.input_tokens);
      expect(data.input_tokens).toBeGreaterThan(0);

      const requestId = response.headers.get('request-id') ?? response.headers.get('x-request-id');
      const rows = await eventually(
        () =>
          system.query<{ endpoint: string; status: string; cost: string; input_tokens: number }>(
            'SELECT endpoint, status::text AS status, cost::text AS cost, input_tokens FROM usage_events WHERE request_id = $1',
            [requestId],
          ),
        (found) => found.length === 1,
      );
      expect(rows).toEqual([
        {
          endpoint: 'messages.count_tokens',
          status: 'success',
          cost: '0',
          input_tokens: data.input_tokens,
        },
      ]);
    });

    it('counts other models with the tokenizer the gateway prices with', async () => {
      const counted = await anthropic.messages.countTokens({ model: 'local/echo', messages });
      const message = await anthropic.messages.create({
        model: 'local/echo',
        max_tokens: 50,
        messages,
      });
      expect(counted.input_tokens).toBe(message.usage.input_tokens);
    });

    it('falls back to the tokenizer when Anthropic fails, and refuses what a count cannot take', async () => {
      upstreamAnthropic.enqueueFault({ kind: 'serverError', status: 529 });
      const counted = await anthropic.messages.countTokens({ model: 'quality', messages });
      expect(counted.input_tokens).toBeGreaterThan(0);

      const refused = await fetch(`${system.baseUrl}/v1/messages/count_tokens`, {
        method: 'POST',
        headers: { 'x-api-key': system.adminKey, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'quality', max_tokens: 10, messages }),
      });
      expect(refused.status).toBe(400);
      const error = (await refused.json()) as {
        type: string;
        error: { type: string; message: string };
      };
      expect(error.type).toBe('error');
      expect(error.error.type).toBe('invalid_request_error');
      expect(error.error.message).toContain('max_tokens');

      const unknown = await fetch(`${system.baseUrl}/v1/messages/count_tokens`, {
        method: 'POST',
        headers: { 'x-api-key': system.adminKey, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'no/such-model', messages }),
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe('what is configured, and how the deployments are doing', () => {
    it('lists exactly the catalog, aliases and embedding models included', async () => {
      const models = await openai.models.list();
      expect(models.data.map((model) => model.id)).toEqual([
        'anthropic/claude-opus-4-5',
        'quality',
        'openai/gpt-4o-mini',
        'fast',
        'local/echo',
        // The embedding service's models are served too (and may be in an allow-list).
        'local/embed',
      ]);
    });

    it('shows each deployment’s circuit breaker in readiness and in metrics', async () => {
      const ready = await fetch(`${system.baseUrl}/health/ready`);
      const body = (await ready.json()) as { components: Record<string, { detail?: string }> };
      expect(body.components['llm.circuit.anthropic']?.detail).toMatch(/^closed/);
      expect(body.components['llm.circuit.openai']?.detail).toMatch(/^closed/);
      const metrics = await fetch(system.metricsUrl);
      // One process in this test: the gateway's registry also holds the llm service's gauges.
      expect(await metrics.text()).toMatch(
        /conduit_llm_circuit_state\{[^}]*deployment="anthropic"[^}]*\} 0/,
      );
    });
  });

  describe('an Anthropic model through /v1/chat/completions with the openai client', () => {
    it('answers JSON and streams', async () => {
      const completion = await openai.chat.completions.create({
        model: 'anthropic/claude-opus-4-5',
        messages: [{ role: 'user', content: 'hello claude' }],
      });
      expect(completion.model).toBe('anthropic/claude-opus-4-5');
      expect(completion.choices[0].message.content).toBe('Fake reply to: hello claude');
      expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);

      const stream = await openai.chat.completions.create({
        model: 'quality',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'stream claude' }],
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined | null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe('Fake reply to: stream claude');
      expect(usage!.completion_tokens).toBeGreaterThan(0);
    });
  });
});
