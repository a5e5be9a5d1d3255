import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropicServer } from './index';

const API_KEY = 'sk-ant-test-fake-anthropic-0002';
const MODEL = 'claude-opus-4-5-20251101';

const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern) as unknown;
const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'tell me a long story' }];
const params = { model: MODEL, max_tokens: 200, messages };

async function collect(
  stream: AsyncIterable<Anthropic.RawMessageStreamEvent>,
): Promise<Anthropic.RawMessageStreamEvent[]> {
  const events: Anthropic.RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('FakeAnthropicServer (errors and faults, driven by the official @anthropic-ai/sdk)', () => {
  let server: FakeAnthropicServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = await FakeAnthropicServer.start({ apiKey: API_KEY });
    // The malformed-chunk test makes the SDK log the bad line; keep the test output clean.
    client = new Anthropic({
      apiKey: API_KEY,
      baseURL: server.baseUrl,
      maxRetries: 0,
      logLevel: 'off',
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  const complete = (options?: Anthropic.RequestOptions) => client.messages.create(params, options);
  const stream = (options?: Anthropic.RequestOptions) =>
    client.messages.create({ ...params, stream: true }, options);

  it('rateLimit: 429 RateLimitError with retry-after and exhausted ratelimit headers', async () => {
    server.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const error = (await complete().catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.type).toBe('rate_limit_error');
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    const reset = Date.parse(error.headers.get('anthropic-ratelimit-requests-reset')!);
    expect(reset - Date.now()).toBeGreaterThan(4_000);
    // The body's request_id is the request-id header.
    expect(error.requestID).toMatch(/^req_011C/);
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: matching(/rate limit/) },
      request_id: error.requestID,
    });
  });

  it('serverError: 500 api_error, 503, and 529 overloaded_error as the SDK’s 5xx classes', async () => {
    server.enqueueFault(
      { kind: 'serverError' },
      { kind: 'serverError', status: 503 },
      { kind: 'serverError', status: 529 },
    );
    const internal = await complete().catch((e: unknown) => e);
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect(internal).toMatchObject({ status: 500, type: 'api_error' });
    await expect(complete()).rejects.toBeInstanceOf(Anthropic.ServiceUnavailableError);
    const overloaded = await complete().catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  });

  it('status: Anthropic bodies by default, arbitrary ones on demand; FIFO, one per request', async () => {
    server.enqueueFault(
      { kind: 'status', status: 403 },
      { kind: 'status', status: 413 },
      {
        kind: 'status',
        status: 502,
        body: '<html>bad gateway</html>',
        headers: { 'Content-Type': 'text/html' },
      },
    );
    const forbidden = await complete().catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(forbidden).toMatchObject({ type: 'permission_error' });
    await expect(complete()).rejects.toMatchObject({ status: 413, type: 'request_too_large' });
    await expect(complete()).rejects.toMatchObject({ status: 502 });
    await expect(complete()).resolves.toMatchObject({ type: 'message' });
  });

  it('a body over maxRequestBytes gets 413 request_too_large', async () => {
    const small = await FakeAnthropicServer.start({ maxRequestBytes: 200 });
    try {
      const sdk = new Anthropic({ apiKey: 'k', baseURL: small.baseUrl, maxRetries: 0 });
      const long = [{ role: 'user' as const, content: 'x'.repeat(500) }];
      const error = await sdk.messages
        .create({ model: MODEL, max_tokens: 5, messages: long })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.ContentTooLargeError);
      expect(error).toMatchObject({ type: 'request_too_large' });
      await expect(
        sdk.messages.create({
          model: MODEL,
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        }),
      ).resolves.toBeDefined();
    } finally {
      await small.stop();
    }
  });

  it('authentication: a wrong key is 401; the key and anthropic-version headers are required', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: server.baseUrl, maxRetries: 0 });
    const error = await wrong.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error).toMatchObject({
      type: 'authentication_error',
      apiMessage: 'Invalid bearer token',
    });

    const post = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(params),
      });
    const noKey = await post({ 'anthropic-version': '2023-06-01' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: noKey.headers.get('request-id'),
    });
    const badKey = await post({ 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' });
    expect(await badKey.json()).toMatchObject({ error: { message: 'invalid x-api-key' } });
    const noVersion = await post({ 'x-api-key': API_KEY });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    const ok = await post({ 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' });
    expect(ok.status).toBe(200);
  });

  it('unknown paths and unparsable bodies answer with Anthropic error bodies', async () => {
    const post = (path: string, body: string) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' },
        body,
      });
    const unknown = await post('/v1/chat/completions', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'not_found_error' } });
    const malformed = await post('/v1/messages', '{"model":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('delayFirstByte: the answer arrives after the delay', async () => {
    server.enqueueFault({ kind: 'delayFirstByte', ms: 150 });
    const started = Date.now();
    await complete();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('omitUsage: no usage in the body, none in message_delta', async () => {
    server.enqueueFault({ kind: 'omitUsage' }, { kind: 'omitUsage' });
    expect((await complete()).usage).toBeUndefined();
    const events = await collect(await stream());
    const delta = events.find((event) => event.type === 'message_delta');
    expect(delta).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(delta).not.toHaveProperty('usage');
    expect(events.at(-1)!.type).toBe('message_stop');

    // The SDK's accumulator relies on message_delta's usage: without it, finalMessage() fails.
    server.enqueueFault({ kind: 'omitUsage' });
    await expect(client.messages.stream(params).finalMessage()).rejects.toThrow(/output_tokens/);
  });

  it('disconnectAfterChunks: the stream is cut without message_stop and the SDK throws', async () => {
    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 4 });
    const received: Anthropic.RawMessageStreamEvent[] = [];
    const iterate = async () => {
      for await (const event of await stream()) received.push(event);
    };
    await expect(iterate()).rejects.toThrow();
    // message_start, content_block_start, (ping, skipped by the SDK), one delta.
    expect(received.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
    ]);
    expect(server.abortedStreams).toBe(0); // the server cut it; no client walked away

    // Past the end: everything but message_stop arrives, then the connection drops.
    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 1_000 });
    await expect(client.messages.stream(params).finalMessage()).rejects.toThrow('terminated');

    // Non-streaming: the status and headers arrive, the body never does.
    server.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 1 });
    await expect(complete()).rejects.toThrow('terminated');
  });

  it('malformedChunk: the SDK’s iteration throws on the bad frame', async () => {
    server.enqueueFault({ kind: 'malformedChunk', afterChunks: 3 });
    const received: Anthropic.RawMessageStreamEvent[] = [];
    const iterate = async () => {
      for await (const event of await stream()) received.push(event);
    };
    await expect(iterate()).rejects.toThrow(SyntaxError);
    expect(received.map((event) => event.type)).toEqual(['message_start', 'content_block_start']);

    // Non-streaming: the body fails to parse (a SyntaxError from fetch's realm, hence the message match).
    server.enqueueFault({ kind: 'malformedChunk', afterChunks: 0 });
    await expect(complete()).rejects.toThrow(/in JSON at position/);
  });

  it('errorEvent: an `event: error` mid-stream surfaces as the SDK’s APIError', async () => {
    server.enqueueFault({ kind: 'errorEvent', afterChunks: 4 });
    const received: Anthropic.RawMessageStreamEvent[] = [];
    const iterate = async () => {
      for await (const event of await stream()) received.push(event);
    };
    const error = await iterate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({
      type: 'overloaded_error',
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(received).toHaveLength(3);

    server.enqueueFault({
      kind: 'errorEvent',
      afterChunks: 2,
      error: { type: 'api_error', message: 'Internal server error' },
    });
    await expect(client.messages.stream(params).finalMessage()).rejects.toMatchObject({
      type: 'api_error',
    });

    // Non-streaming: the same error as an HTTP response.
    server.enqueueFault({ kind: 'errorEvent', afterChunks: 0 });
    await expect(complete()).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('slowStream: spaces events; a client abort mid-stream is counted', async () => {
    server.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 50 });
    const controller = new AbortController();
    const received: Anthropic.RawMessageStreamEvent[] = [];
    const started = Date.now();
    for await (const event of await stream({ signal: controller.signal })) {
      received.push(event);
      if (received.length === 3) controller.abort();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await server.waitForAbortedStreams(1);
    expect(server.abortedStreams).toBe(1);
  });

  it('a stream read to the end is not counted as aborted', async () => {
    server.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 1 });
    const events = await collect(await stream());
    expect(events.at(-1)!.type).toBe('message_stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.abortedStreams).toBe(0);
  });

  it('hang: never answers; the client timing out is counted as an abort', async () => {
    server.enqueueFault({ kind: 'hang' });
    // Under jest the fetch AbortError comes from another realm, so the SDK may report the timeout
    // as its parent class APIConnectionError rather than APIConnectionTimeoutError.
    await expect(complete({ timeout: 200 })).rejects.toBeInstanceOf(Anthropic.APIConnectionError);
    await server.waitForAbortedStreams(1);
    expect(server.requests).toHaveLength(1);
  });

  it('reset clears requests, faults, counters and cache; stop closes hung connections', async () => {
    const local = await FakeAnthropicServer.start();
    local.enqueueFault({ kind: 'hang' }, { kind: 'serverError' });
    const sdk = new Anthropic({ apiKey: 'k', baseURL: local.baseUrl, maxRetries: 0 });
    const hung = sdk.messages.create(params).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local.requests).toHaveLength(1);
    local.reset();
    expect(local.requests).toHaveLength(0);
    await expect(sdk.messages.create(params)).resolves.toBeDefined();
    await local.stop();
    expect(await hung).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(local.abortedStreams).toBe(0);
    await local.stop();
  });
});
