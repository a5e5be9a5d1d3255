import { FakeOpenAIServer } from '@conduit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../support/api';
import { SseReader } from '../support/sse-reader';
import { startSystem, type RunningSystem } from '../support/system';

interface UsageRow {
  status: string;
  error_type: string | null;
  input_tokens: number;
  output_tokens: number;
  cost: string;
  usage_estimated: boolean;
}

const MODEL = 'openai/gpt-4o-mini';
// Long enough that no test sees its end: one SSE chunk per token.
const LONG_ANSWER = 'alpha beta gamma delta epsilon '.repeat(200);

/**
 * The llm replica serving a request dies (its NATS connection closes at once — no drain, no
 * last event, no heartbeat — as with kill -9; see `system.kill`). The gateway notices within the
 * liveness window (3 s by default) instead of at the 300 s idle timeout, tells the client, and
 * charges what the client received.
 */
describe('a dead llm replica (e2e)', () => {
  let system: RunningSystem;
  let fake: FakeOpenAIServer;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: 'sk-upstream-test', reply: () => LONG_ANSWER });
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: {
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'sk-upstream-test',
        OPENAI_MODELS: 'gpt-4o-mini',
        // The relay itself is under test, not the output scanners' re-chunking.
        GUARDRAILS_DEFAULT_POLICY:
          '{"output_pii":"off","output_secrets":"off","system_prompt_leak":"off","json_schema":"off"}',
      },
    });
  });

  afterAll(async () => {
    await system?.close();
    await fake?.stop();
  });

  beforeEach(() => fake.reset());
  // Each test kills the llm service; the next one gets a fresh replica.
  afterEach(() => system.start('llm'));

  const chat = (body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        messages: [{ role: 'user', content: 'Go on.' }],
        ...body,
      }),
      signal,
    });

  const usageRow = (requestId: string) =>
    eventually(
      async () =>
        (
          await system.query<UsageRow>(
            'SELECT status, error_type, input_tokens, output_tokens, cost::text AS cost, usage_estimated FROM usage_events WHERE request_id = $1',
            [requestId],
          )
        )[0],
      (row) => row !== undefined,
    );

  it('ends a stream within 5 s of its replica dying, with an SSE error, and charges what was sent', async () => {
    fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 100 });
    const response = await chat({ stream: true });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id')!;
    const sse = new SseReader(response);
    await sse.contentChunks(10);

    const killedAt = performance.now();
    await system.kill('llm');
    const last = await sse.rest();
    expect(performance.now() - killedAt).toBeLessThan(5_000);
    expect(last).toMatchObject({
      error: { type: 'service_unavailable', code: 'llm_replica_lost' },
    });
    expect(sse.events).not.toContain('[DONE]');

    const row = await usageRow(requestId);
    expect(row).toMatchObject({ status: 'error', usage_estimated: true });
    expect(row.output_tokens).toBeGreaterThanOrEqual(10);
    expect(row.input_tokens).toBeGreaterThan(0);
    expect(Number(row.cost)).toBeGreaterThan(0);
  });

  it('answers a non-streaming call whose replica dies with a 503 in under 5 s', async () => {
    fake.enqueueFault({ kind: 'delayFirstByte', ms: 20_000 });
    const pending = chat({});
    await sleep(500);
    const killedAt = performance.now();
    await system.kill('llm');
    const response = await pending;
    expect(performance.now() - killedAt).toBeLessThan(5_000);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'service_unavailable', code: 'replica_lost' });
    expect(body.error['message']).toMatch(/stopped answering/);
  });

  it('does not cut a slow but live model: heartbeats span a gap longer than the liveness window', async () => {
    fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 4_000 });
    const controller = new AbortController();
    const response = await chat({ stream: true }, controller.signal);
    const requestId = response.headers.get('x-request-id')!;
    const sse = new SseReader(response);
    // Two content chunks, 4 s apart: silence longer than the 3 s window, yet no error.
    await sse.contentChunks(2);
    expect(sse.events.some((event) => typeof event === 'object' && 'error' in event)).toBe(false);

    // Walking away mid-wait cancels the upstream call at once, not at the next chunk.
    const leftAt = performance.now();
    controller.abort();
    await fake.waitForAbortedStreams(1, 2_000);
    expect(performance.now() - leftAt).toBeLessThan(2_000);
    // The live replica answered the cancel with the usage so far: nothing estimated here.
    expect(await usageRow(requestId)).toMatchObject({
      status: 'cancelled',
      usage_estimated: false,
    });
  });

  it('notices a client leaving while the replica is dead, and still charges the text sent', async () => {
    fake.enqueueFault({ kind: 'slowStream', chunkIntervalMs: 100 });
    const controller = new AbortController();
    const response = await chat({ stream: true }, controller.signal);
    const requestId = response.headers.get('x-request-id')!;
    const sse = new SseReader(response);
    await sse.contentChunks(5);
    await system.kill('llm');
    const leftAt = performance.now();
    controller.abort();

    const row = await usageRow(requestId);
    // Recorded once the liveness window passed without the usage, not after 300 s.
    expect(performance.now() - leftAt).toBeLessThan(5_000);
    expect(row).toMatchObject({ status: 'cancelled', usage_estimated: true });
    expect(row.output_tokens).toBeGreaterThanOrEqual(5);
    expect(Number(row.cost)).toBeGreaterThan(0);
  });
});
