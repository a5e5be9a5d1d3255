import { FakeOpenAIServer } from '@conduit/testing';
import OpenAI from 'openai';
import { startSystem, type RunningSystem } from './support/system';

/** Drives the running system with the official `openai` client, as a user would. */
describe('OpenAI-compatible chat through the gateway (e2e)', () => {
  let system: RunningSystem;
  let fake: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: 'sk-upstream-test' });
    system = await startSystem({
      env: {
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'sk-upstream-test',
        OPENAI_MODELS: 'gpt-4o-mini',
        // These tests pin the relay itself (token by token, one chunk per token); answers
        // screened by the output guardrails are re-chunked, see guardrails.e2e-spec.ts.
        GUARDRAILS_DEFAULT_POLICY:
          '{"output_pii":"off","output_secrets":"off","system_prompt_leak":"off","json_schema":"off"}',
      },
    });
    client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await system?.close();
    await fake?.stop();
  });

  beforeEach(() => fake.reset());

  describe('local/echo', () => {
    it('answers a chat completion in OpenAI shape, echoing what reached the model', async () => {
      const { data, response } = await client.chat.completions
        .create({
          model: 'local/echo',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Grüße, 世界! 👋' },
          ],
        })
        .withResponse();
      expect(data.id).toMatch(/^chatcmpl-/);
      expect(data.object).toBe('chat.completion');
      expect(data.model).toBe('local/echo');
      expect(data.choices).toHaveLength(1);
      expect(data.choices[0].message).toMatchObject({
        role: 'assistant',
        content: 'Grüße, 世界! 👋',
      });
      expect(data.choices[0].finish_reason).toBe('stop');
      expect(data.usage!.prompt_tokens).toBeGreaterThan(data.usage!.completion_tokens);
      expect(data.usage!.completion_tokens).toBeGreaterThan(0);
      expect(data.usage!.total_tokens).toBe(
        data.usage!.prompt_tokens + data.usage!.completion_tokens,
      );
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    });

    it('stops at max_tokens with finish_reason length', async () => {
      const completion = await client.chat.completions.create({
        model: 'local/echo',
        max_tokens: 2,
        messages: [{ role: 'user', content: 'one two three four' }],
      });
      expect(completion.choices[0].message.content).toBe('one two');
      expect(completion.choices[0].finish_reason).toBe('length');
      expect(completion.usage!.completion_tokens).toBe(2);
    });

    it('streams token by token and ends, with usage in the last chunk when asked', async () => {
      const text = 'Streaming works, token by token.';
      const stream = await client.chat.completions.create({
        model: 'local/echo',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: text }],
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
      expect(content).toBe(text);
      expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(3);
      expect(
        chunks.every(
          (chunk) => chunk.id === chunks[0].id && chunk.object === 'chat.completion.chunk',
        ),
      ).toBe(true);
      const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
      expect(finish?.choices[0]!.finish_reason).toBe('stop');
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage!.prompt_tokens).toBeGreaterThan(0);
      expect(last.usage!.completion_tokens).toBe(
        chunks.filter((chunk) => chunk.choices[0]?.delta.content).length,
      );
    });

    it('streams without a usage chunk unless asked', async () => {
      const stream = await client.chat.completions.create({
        model: 'local/echo',
        stream: true,
        messages: [{ role: 'user', content: 'hello' }],
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.some((chunk) => chunk.usage)).toBe(false);
      expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    });
  });

  describe('models', () => {
    it('lists the models the llm service knows', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual(expect.arrayContaining(['local/echo', 'openai/gpt-4o-mini']));
      const model = await client.models.retrieve('local/echo');
      expect(model).toMatchObject({ id: 'local/echo', object: 'model', owned_by: 'local' });
      await expect(client.models.retrieve('nope/nothing')).rejects.toBeInstanceOf(
        OpenAI.NotFoundError,
      );
    });
  });

  describe('bad requests raise the SDK error class, with a clear message and request id', () => {
    const user = [{ role: 'user' as const, content: 'hi' }];
    const cases: Array<
      [string, Record<string, unknown>, new (...args: never[]) => Error, RegExp, string | null]
    > = [
      [
        'no messages',
        { model: 'local/echo', messages: [] },
        OpenAI.BadRequestError,
        /at least one message/,
        'messages',
      ],
      [
        'missing messages',
        { model: 'local/echo' },
        OpenAI.BadRequestError,
        /Missing required parameter/,
        'messages',
      ],
      [
        'an unknown role',
        { model: 'local/echo', messages: [{ role: 'wizard', content: 'x' }] },
        OpenAI.BadRequestError,
        /messages\[0\]\.role/,
        'messages[0].role',
      ],
      [
        'temperature 7',
        { model: 'local/echo', messages: user, temperature: 7 },
        OpenAI.BadRequestError,
        /temperature/,
        'temperature',
      ],
      [
        'max_tokens 0',
        { model: 'local/echo', messages: user, max_tokens: 0 },
        OpenAI.BadRequestError,
        /max_tokens/,
        'max_tokens',
      ],
      [
        'an unknown model',
        { model: 'acme/unknown', messages: user },
        OpenAI.NotFoundError,
        /acme\/unknown.*does not exist/,
        'model',
      ],
      [
        'an unknown model (stream)',
        { model: 'acme/unknown', messages: user, stream: true },
        OpenAI.NotFoundError,
        /does not exist/,
        'model',
      ],
    ];
    it.each(cases)('%s', async (_name, body, ErrorClass, message, param) => {
      const error = await client.chat.completions
        .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(ErrorClass);
      const apiError = error as InstanceType<typeof OpenAI.APIError>;
      expect(apiError.message).toMatch(message);
      expect(apiError.param).toBe(param);
      expect(apiError.requestID).toMatch(/^req_/);
      expect((apiError.error as { request_id?: string }).request_id).toBe(apiError.requestID);
    });

    it('a 5 MB body is refused with 413 before it is parsed', async () => {
      const error = await client.chat.completions
        .create({
          model: 'local/echo',
          messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }],
        })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(OpenAI.APIError);
      const apiError = error as InstanceType<typeof OpenAI.APIError>;
      expect(apiError.status).toBe(413);
      expect(apiError.code).toBe('request_too_large');
      expect(apiError.requestID).toMatch(/^req_/);
    });

    it('malformed JSON gets a 400 in OpenAI shape', async () => {
      const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${system.adminKey}` },
        body: '{"model": "local/echo", "messages": [',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error).toMatchObject({
        type: 'validation_error',
        code: 'invalid_json',
        param: null,
      });
      expect(body.error.message).toMatch(/could not parse the JSON body/);
    });

    it('an unknown URL gets a 404 in OpenAI shape', async () => {
      const response = await fetch(`${system.baseUrl}/v1/nothing-here`);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error).toMatchObject({ type: 'not_found', code: 'unknown_url' });
    });
  });

  describe('the openai provider (against a wire-faithful fake OpenAI)', () => {
    it('serves a chat completion and forwards the request upstream', async () => {
      const completion = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hello upstream' }],
        temperature: 0.2,
      });
      expect(completion.model).toBe('openai/gpt-4o-mini');
      expect(completion.choices[0].message.content).toBe('Fake reply to: Hello upstream');
      expect(completion.usage!.total_tokens).toBeGreaterThan(0);
      const upstream = fake.requests.at(-1)!;
      expect(upstream.headers.authorization).toBe('Bearer sk-upstream-test');
      expect(upstream.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2 });
    });

    it('streams, always asking upstream for usage', async () => {
      const stream = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'Stream please' }],
      });
      let content = '';
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      expect(content).toBe('Fake reply to: Stream please');
      expect(fake.requests.at(-1)!.body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('maps an upstream 429 to RateLimitError with Retry-After when waiting would pass the retry deadline', async () => {
      // 60 s is past the default 30 s retry deadline: no retry, the caller gets the 429 at once.
      fake.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 60 });
      const error = await client.chat.completions
        .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe(
        '60',
      );
      expect(
        fake.requests.filter((request) => request.path === '/v1/chat/completions'),
      ).toHaveLength(1);
    });

    it('turns an upstream stream cut mid-way into an error, never a silent end', async () => {
      fake.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 2 });
      const stream = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'this will be cut' }],
      });
      await expect(
        (async () => {
          let received = 0;
          for await (const chunk of stream) received += chunk.choices.length;
          return received;
        })(),
      ).rejects.toThrow();
    });

    it('aborts the upstream request when the client disconnects mid-stream', async () => {
      fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 200 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create(
        {
          model: 'openai/gpt-4o-mini',
          stream: true,
          messages: [{ role: 'user', content: 'a long answer please' }],
        },
        { signal: controller.signal },
      );
      const iterate = (async () => {
        for await (const chunk of stream) {
          if (chunk.choices[0]?.delta.content) controller.abort();
        }
      })();
      // The SDK ends the iteration quietly on abort (or throws, depending on timing).
      await iterate.catch(() => undefined);
      expect(controller.signal.aborted).toBe(true);
      await fake.waitForAbortedStreams(1, 5000);
      expect(fake.abortedStreams).toBe(1);
    });
  });

  describe('health', () => {
    it('is live, and ready when NATS and the llm service answer', async () => {
      expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
      const ready = await fetch(`${system.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'up',
        components: { nats: { status: 'up' }, llm: { status: 'up' } },
      });
    });
  });
});
