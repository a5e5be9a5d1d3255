import OpenAI from 'openai';
import { FakeOpenAIServer } from './index';

const API_KEY = 'sk-test-fake-openai-key-0002';

// jest's asymmetric matchers are typed `any`; typed once here for the lint rules.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern) as unknown;
const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'tell me a long story' },
];

async function collect(
  stream: AsyncIterable<OpenAI.ChatCompletionChunk>,
): Promise<OpenAI.ChatCompletionChunk[]> {
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('FakeOpenAIServer (errors and faults, driven by the official openai SDK)', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: API_KEY });
    // The malformed-chunk test makes the SDK log the bad line; keep the test output clean.
    client = new OpenAI({
      apiKey: API_KEY,
      baseURL: server.baseUrl,
      maxRetries: 0,
      logLevel: 'off',
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  const complete = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const stream = (options?: OpenAI.RequestOptions) =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }, options);

  it('rateLimit: 429 RateLimitError with Retry-After and exhausted x-ratelimit headers', async () => {
    server.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const error = (await complete().catch((e: unknown) => e)) as InstanceType<
      typeof OpenAI.RateLimitError
    >;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    });
    expect(error.message).toContain('Rate limit reached for gpt-4o-mini');
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(error.headers.get('x-ratelimit-reset-requests')).toBe('7s');
    expect(error.requestID).toMatch(/^req_/);
  });

  it('serverError: OpenAI-shaped 5xx as InternalServerError', async () => {
    server.enqueueFault({ kind: 'serverError' }, { kind: 'serverError', status: 503 });
    await expect(complete()).rejects.toMatchObject({ status: 500, type: 'server_error' });
    const error = await complete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 503 });
  });

  it('status: arbitrary body and headers; faults are consumed one per request, FIFO', async () => {
    server.enqueueFault(
      {
        kind: 'status',
        status: 403,
        body: { error: { message: 'nope', type: 'x', param: null, code: 'y' } },
      },
      {
        kind: 'status',
        status: 502,
        body: '<html>bad gateway</html>',
        headers: { 'Content-Type': 'text/html' },
      },
    );
    await expect(complete()).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(complete()).rejects.toMatchObject({ status: 502 });
    await expect(complete()).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('unknown model: 404 NotFoundError with model_not_found', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-nope', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({
      code: 'model_not_found',
      type: 'invalid_request_error',
      error: { message: 'The model `gpt-nope` does not exist or you do not have access to it.' },
    });
  });

  it('wrong or missing API key: 401 AuthenticationError', async () => {
    const wrong = new OpenAI({
      apiKey: 'sk-wrong-key-123456',
      baseURL: server.baseUrl,
      maxRetries: 0,
    });
    const error = await wrong.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ code: 'invalid_api_key' });
    expect((error as Error).message).toContain('Incorrect API key provided: sk-************3456.');

    const response = await fetch(`${server.baseUrl}/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { message: matching(/^You didn't provide an API key/) },
    });
  });

  it('malformed JSON, invalid parameters and unknown paths answer like OpenAI', async () => {
    const post = (path: string, body: string) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('/chat/completions', '{"model":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await malformed.json()).toEqual({
      error: {
        message: matching(/^We could not parse the JSON body of your request/),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });

    const unknown = await post('/chat/complete', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /v1/chat/complete)' },
    });

    await expect(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'messages',
      code: 'empty_array',
    });
    await expect(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages, n: 0 }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('omitUsage: no usage in the body, no usage chunk in the stream', async () => {
    server.enqueueFault({ kind: 'omitUsage' }, { kind: 'omitUsage' });
    expect((await complete()).usage).toBeUndefined();
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
  });

  it('delayFirstByte: the answer arrives after the delay', async () => {
    server.enqueueFault({ kind: 'delayFirstByte', ms: 150 });
    const started = Date.now();
    await complete();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('disconnectAfterChunks: the SDK’s iteration throws after the delivered chunks', async () => {
    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 3 });
    const received: OpenAI.ChatCompletionChunk[] = [];
    const iterate = async () => {
      for await (const chunk of await stream()) received.push(chunk);
    };
    await expect(iterate()).rejects.toThrow();
    expect(received).toHaveLength(3);
    expect(received.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(server.abortedStreams).toBe(0); // the server cut it; no client walked away

    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 0 });
    const none = await stream();
    await expect(collect(none)).rejects.toThrow();

    // Non-streaming: the status and headers arrive, the body never does; fetch's body read fails.
    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 1 });
    await expect(complete()).rejects.toThrow('terminated');
  });

  it('malformedChunk: the SDK’s iteration throws on the bad frame', async () => {
    server.enqueueFault({ kind: 'malformedChunk', afterChunks: 2 });
    const received: OpenAI.ChatCompletionChunk[] = [];
    const iterate = async () => {
      for await (const chunk of await stream()) received.push(chunk);
    };
    await expect(iterate()).rejects.toThrow(SyntaxError);
    expect(received).toHaveLength(2);
  });

  it('slowStream: spaces chunks; a client abort mid-stream is counted', async () => {
    server.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 50 });
    const controller = new AbortController();
    const received: OpenAI.ChatCompletionChunk[] = [];
    const started = Date.now();
    for await (const chunk of await stream({ signal: controller.signal })) {
      received.push(chunk);
      if (received.length === 3) controller.abort();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await server.waitForAbortedStreams(1);
    expect(server.abortedStreams).toBe(1);
  });

  it('a stream read to the end is not counted as aborted', async () => {
    server.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 1 });
    const chunks = await collect(await stream());
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.abortedStreams).toBe(0);
  });

  it('hang: never answers; the client timing out is counted as an abort', async () => {
    server.enqueueFault({ kind: 'hang' });
    // Under jest the fetch AbortError comes from another realm, so the SDK reports the timeout as its
    // parent class APIConnectionError rather than APIConnectionTimeoutError.
    await expect(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages }, { timeout: 200 }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await server.waitForAbortedStreams(1);
    expect(server.requests).toHaveLength(1);
  });

  it('waitForAbortedStreams rejects after its timeout', async () => {
    await expect(server.waitForAbortedStreams(1, 50)).rejects.toThrow(/saw 0/);
  });

  it('reset clears requests, faults and counters; stop closes hung connections', async () => {
    const local = await FakeOpenAIServer.start();
    local.enqueueFault({ kind: 'hang' }, { kind: 'serverError' });
    const sdk = new OpenAI({ apiKey: 'k', baseURL: local.baseUrl, maxRetries: 0 });
    const hung = sdk.chat.completions
      .create({ model: 'gpt-4o', messages })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local.requests).toHaveLength(1);
    local.reset();
    expect(local.requests).toHaveLength(0);
    await expect(sdk.chat.completions.create({ model: 'gpt-4o', messages })).resolves.toBeDefined();
    await local.stop();
    expect(await hung).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(local.abortedStreams).toBe(0);
    await local.stop();
  });
});
