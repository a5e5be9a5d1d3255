import { DedicatedNatsServer, FakeOpenAIServer } from '@conduit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../support/api';
import { SseReader } from '../support/sse-reader';
import { startSystem, type RunningSystem } from '../support/system';

const MODEL = 'openai/gpt-4o-mini';

/**
 * NATS goes away under load. The system runs on a nats-server of this test's own (random port,
 * JetStream in a temp dir), SIGKILLed and restarted — the shared server other tests use is
 * never touched. In-flight requests fail at once (not after 30 s), new ones fail fast, streams
 * end with an SSE error, readiness answers at once, and everything recovers when NATS is back.
 */
describe('a NATS outage (e2e)', () => {
  let nats: DedicatedNatsServer;
  let fake: FakeOpenAIServer;
  let system: RunningSystem;

  beforeAll(async () => {
    nats = await DedicatedNatsServer.start();
    fake = await FakeOpenAIServer.start({
      apiKey: 'sk-upstream-test',
      reply: () => 'tick tock '.repeat(300),
    });
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: {
        NATS_URL: nats.url,
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'sk-upstream-test',
        OPENAI_MODELS: 'gpt-4o-mini',
        GUARDRAILS_DEFAULT_POLICY:
          '{"output_pii":"off","output_secrets":"off","system_prompt_leak":"off","json_schema":"off"}',
      },
    });
  });

  afterAll(async () => {
    // Tearing the system down needs the bus (the test's ledger stream is removed over it).
    if (nats && !nats.running) await nats.restart();
    await system?.close();
    await fake?.stop();
    await nats?.stop();
  });

  const chat = (body: Record<string, unknown> = {}) =>
    fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], ...body }),
    });

  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const startedAt = performance.now();
    const value = await work();
    return [value, performance.now() - startedAt];
  };

  it('fails what is in flight within 2 s, answers readiness within 1 s, and recovers', async () => {
    const readiness = async () => {
      const response = await fetch(`${system.baseUrl}/health/ready`);
      return { status: response.status, body: await response.json() };
    };
    // Fresh services on a fresh server may take a moment to all answer.
    expect(await eventually(readiness, (ready) => ready.status === 200)).toMatchObject({
      status: 200,
    });

    // A stream mid-answer and a completion waiting for its provider, when NATS dies.
    fake.enqueueFault(
      { kind: 'slowStream', chunkIntervalMs: 100 },
      { kind: 'delayFirstByte', ms: 15_000 },
    );
    const streamResponse = await chat({ stream: true });
    const sse = new SseReader(streamResponse);
    await sse.contentChunks(3);
    const completion = chat();
    await sleep(500);

    const killedAt = performance.now();
    await nats.kill();

    const response = await completion;
    expect(performance.now() - killedAt).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      error: { type: 'service_unavailable', code: 'bus_unavailable', param: null },
    });

    const last = await sse.rest();
    expect(performance.now() - killedAt).toBeLessThan(2_000);
    expect(last).toMatchObject({ error: { type: 'service_unavailable', code: 'bus_unavailable' } });

    const [ready, readyMs] = await timed(() => fetch(`${system.baseUrl}/health/ready`));
    expect(readyMs).toBeLessThan(1_000);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'down',
      components: { nats: { status: 'down' }, llm: { status: 'down' } },
    });

    const [refused, refusedMs] = await timed(() => chat());
    expect(refusedMs).toBeLessThan(1_000);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'bus_unavailable' } });

    await nats.restart();
    expect(await eventually(readiness, (ready) => ready.status === 200, 20_000)).toMatchObject({
      status: 200,
    });
    const again = await chat();
    expect(again.status).toBe(200);
  });
});
