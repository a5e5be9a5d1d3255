import { NotFoundError, Subjects, type LlmChatStreamRequest } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import { FakeOpenAIServer, startTestBus, type TestBus } from '@conduit/testing';
import { loadConfig } from '@conduit/config';
import { AppModule } from '../src/app.module';
import { LlmConfigSchema } from '../src/config/llm-config.schema';
import { chatPayload, streamEvents } from './support/stream-events';

/** The llm service in-process on real NATS, its OpenAI provider against the fake OpenAI. */
describe('llm service over NATS', () => {
  let bus: TestBus;
  let client: MessagingClient;
  let fake: FakeOpenAIServer;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: 'sk-test' });
    bus = await startTestBus();
    const env = {
      ...bus.env,
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODELS: 'gpt-4o-mini',
    };
    await bus.boot(AppModule.forRoot(loadConfig(LlmConfigSchema, env)));
    client = bus.client;
  });

  afterAll(async () => {
    await bus?.close();
    await fake?.stop();
  });

  beforeEach(() => fake.reset());

  const ask = chatPayload;
  const stream = (
    payload: Omit<LlmChatStreamRequest, 'inbox'>,
    onChunk?: (cancelSubject: string, chunks: number) => void,
  ) => streamEvents(client, payload, onChunk);

  it('completes with local/echo', async () => {
    const { completion, charge, usageEstimated } = await client.request(
      Subjects.llmChatComplete,
      ask('local/echo', 'ping'),
    );
    expect(completion.choices[0].message.content).toBe('ping');
    expect(completion.model).toBe('local/echo');
    expect(usageEstimated).toBe(false);
    expect(charge).toMatchObject({ model: 'local/echo', provider: 'local' });
  });

  it('refuses an unknown model with not_found before any stream starts', async () => {
    await expect(
      client.request(Subjects.llmChatStream, { ...ask('nope', 'x'), inbox: client.createInbox() }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('relays a stream in order with seq numbers and ends with usage', async () => {
    const { events, accepted } = await stream(ask('openai/gpt-4o-mini', 'count to three'));
    expect(accepted.model).toBe('openai/gpt-4o-mini');
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
    const end = events.at(-1)!;
    expect(end).toMatchObject({ kind: 'end', finishReason: 'stop', usageEstimated: false });
    const text = events
      .map((event) => (event.kind === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(text).toBe('Fake reply to: count to three');
    expect(
      events.every((event) => event.kind !== 'chunk' || event.chunk.model === 'openai/gpt-4o-mini'),
    ).toBe(true);
  });

  it('sends the chunks that arrive together as one frame when the caller takes frames', async () => {
    const chunksOf = (events: Awaited<ReturnType<typeof stream>>['events']) =>
      events.flatMap((event) =>
        event.kind === 'chunk' ? [event.chunk] : event.kind === 'chunks' ? event.chunks : [],
      );
    const textOf = (events: Awaited<ReturnType<typeof stream>>['events']) =>
      chunksOf(events)
        .map((chunk) => chunk.choices[0]?.delta.content ?? '')
        .join('');
    const oneByOne = await stream(ask('local/echo', 'frames of tokens, all at once'));
    const framed = await stream({
      ...ask('local/echo', 'frames of tokens, all at once'),
      frames: true,
    });
    expect(textOf(framed.events)).toBe('frames of tokens, all at once');
    expect(textOf(framed.events)).toBe(textOf(oneByOne.events));
    expect(chunksOf(framed.events)).toHaveLength(chunksOf(oneByOne.events).length);
    // The echo sends its whole answer in one turn: far fewer messages, still in order.
    expect(framed.events.length).toBeLessThan(oneByOne.events.length);
    expect(framed.events.some((event) => event.kind === 'chunks')).toBe(true);
    expect(framed.events.map((event) => event.seq)).toEqual(framed.events.map((_, i) => i));
    expect(framed.events.at(-1)).toMatchObject({ kind: 'end', finishReason: 'stop' });
  });

  it('counts usage itself when the provider omits it (never $0)', async () => {
    fake.enqueueFault({ kind: 'omitUsage' });
    const { events } = await stream(ask('openai/gpt-4o-mini', 'no usage here'));
    const end = events.at(-1)!;
    expect(end.kind).toBe('end');
    if (end.kind !== 'end') return;
    expect(end.usageEstimated).toBe(true);
    expect(end.usage.completion_tokens).toBeGreaterThan(0);
    expect(end.usage.prompt_tokens).toBeGreaterThan(0);

    fake.enqueueFault({ kind: 'omitUsage' });
    const result = await client.request(
      Subjects.llmChatComplete,
      ask('openai/gpt-4o-mini', 'no usage here'),
    );
    expect(result.usageEstimated).toBe(true);
    expect(result.completion.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('turns a cut upstream stream into an error event with the usage so far', async () => {
    fake.enqueueFault({ kind: 'disconnectAfterChunks', chunks: 3 });
    const { events } = await stream(ask('openai/gpt-4o-mini', 'this stream will be cut short'));
    const last = events.at(-1)!;
    expect(last.kind).toBe('error');
    if (last.kind !== 'error') return;
    expect(last.error.type).toBe('provider_error');
    expect(last.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('turns a malformed upstream chunk into an error event', async () => {
    fake.enqueueFault({ kind: 'malformedChunk', afterChunks: 2 });
    const { events } = await stream(ask('openai/gpt-4o-mini', 'garbage ahead'));
    const last = events.at(-1)!;
    expect(last).toMatchObject({ kind: 'error', error: { type: 'provider_error' } });
  });

  it('aborts the upstream request on cancel and still reports usage so far', async () => {
    fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 100 });
    let cancelled = false;
    const { events } = await stream(
      ask('openai/gpt-4o-mini', 'a slow and rather long answer'),
      (cancelSubject) => {
        if (cancelled || !cancelSubject) return;
        cancelled = true;
        client.publish(cancelSubject, {
          requestId: 'ignored-mismatch',
          reason: 'wrong id must not cancel',
        });
      },
    );
    // A cancel for another request id changes nothing: the stream finishes.
    expect(events.at(-1)!.kind).toBe('end');
    expect(fake.abortedStreams).toBe(0);

    fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 100 });
    const payload = ask('openai/gpt-4o-mini', 'a slow and rather long answer');
    let sent = false;
    const cancelled2 = await stream(payload, (cancelSubject) => {
      if (sent || !cancelSubject) return;
      sent = true;
      client.publish(cancelSubject, {
        requestId: payload.requestId,
        reason: 'client_disconnected',
      });
    });
    const last = cancelled2.events.at(-1)!;
    expect(last).toMatchObject({ kind: 'error', error: { type: 'timeout', code: 'cancelled' } });
    expect(last.kind === 'error' && last.usage!.prompt_tokens).toBeGreaterThan(0);
    await fake.waitForAbortedStreams(1, 3000);
  });

  it('maps upstream errors to the taxonomy before the stream starts, once retries are spent', async () => {
    // The default policy makes three attempts.
    for (let attempt = 0; attempt < 3; attempt++) {
      fake.enqueueFault({ kind: 'serverError', status: 503 });
    }
    await expect(
      client.request(Subjects.llmChatStream, {
        ...ask('openai/gpt-4o-mini', 'x'),
        inbox: client.createInbox(),
      }),
    ).rejects.toMatchObject({ type: 'provider_error', details: { upstream_status: 503 } });
  });

  it('answers health and lists models', async () => {
    expect(await client.request(Subjects.llmHealthCheck, {})).toMatchObject({
      service: 'llm',
      status: 'up',
    });
    const models = await client.request(Subjects.llmModelsList, {});
    expect(models.data.map((model) => model.id)).toEqual(['local/echo', 'openai/gpt-4o-mini']);
  });
});
