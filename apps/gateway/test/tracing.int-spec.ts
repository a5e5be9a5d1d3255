import { FakeOpenAIServer, inMemoryTracing } from '@conduit/testing';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { apiClient, uniqueName } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

/**
 * One trace per request: the gateway's HTTP span is the root, and the NATS hop and the
 * provider call are its descendants, linked through W3C trace context in NATS headers.
 */
describe('end-to-end tracing', () => {
  const exporter = inMemoryTracing();
  let system: RunningSystem;
  let fake: FakeOpenAIServer;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start();
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: {
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'sk-test',
        OPENAI_MODELS: 'gpt-4o-mini',
      },
    });
  });

  afterAll(async () => {
    await system?.close();
    await fake?.stop();
  });

  beforeEach(() => exporter.reset());

  async function spansOfTrace(traceId: string, expected: number): Promise<ReadableSpan[]> {
    // Spans end asynchronously (the HTTP span on the response's last byte): wait for them.
    for (let attempt = 0; attempt < 50; attempt++) {
      const spans = exporter
        .getFinishedSpans()
        .filter((span) => span.spanContext().traceId === traceId);
      if (spans.length >= expected) return spans;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  }

  /** The gateway's HTTP span of a request, once it has ended. */
  async function httpSpanOf(requestId: string | null): Promise<ReadableSpan | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const http = exporter
        .getFinishedSpans()
        .find((span) => span.attributes['conduit.request_id'] === requestId);
      if (http) return http;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  }

  function find(spans: ReadableSpan[], name: string, kind: SpanKind): ReadableSpan {
    const span = spans.find((candidate) => candidate.name === name && candidate.kind === kind);
    if (!span) throw new Error(`no span '${name}' in [${spans.map((s) => s.name).join(', ')}]`);
    return span;
  }

  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it.each([false, true])(
    'links HTTP → NATS → provider call in one trace (stream: %s)',
    async (stream) => {
      const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${system.adminKey}`,
          traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify({
          model: 'openai/gpt-4o-mini',
          stream,
          messages: [{ role: 'user', content: 'trace me' }],
        }),
      });
      expect(response.status).toBe(200);
      await response.text();

      const subject = stream ? 'llm.v1.chat.stream' : 'llm.v1.chat.complete';
      const spans = await spansOfTrace(callerTraceId, 4);
      const http = find(spans, 'POST /v1/chat/completions', SpanKind.SERVER);
      const send = find(spans, `send ${subject}`, SpanKind.CLIENT);
      const process = find(spans, `process ${subject}`, SpanKind.SERVER);
      const provider = find(spans, 'chat gpt-4o-mini', SpanKind.CLIENT);

      // The caller's traceparent is continued, and each hop is the child of the one before.
      expect(parentOf(http)).toBe('00f067aa0ba902b7');
      expect(parentOf(send)).toBe(http.spanContext().spanId);
      expect(parentOf(process)).toBe(send.spanContext().spanId);
      expect(parentOf(provider)).toBe(process.spanContext().spanId);
      expect(provider.attributes).toMatchObject({
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
      });
      expect(provider.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
      expect(http.attributes['http.response.status_code']).toBe(200);
    },
  );

  it('starts a new trace when the caller sends none', async () => {
    const response = await fetch(`${system.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.adminKey}` },
      body: JSON.stringify({ model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.text();
    const requestId = response.headers.get('x-request-id');
    const http = await httpSpanOf(requestId);
    expect(http).toBeDefined();
    expect(parentOf(http!)).toBeUndefined();
    const spans = await spansOfTrace(http!.spanContext().traceId, 4);
    expect(spans.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'send llm.v1.chat.complete',
        'process llm.v1.chat.complete',
        'chat echo',
      ]),
    );
  });

  it('a budgeted key traces its key lookup, budget hold and SQL inside the request, and no quote hop', async () => {
    const admin = apiClient(system.baseUrl, system.adminKey);
    const team = await admin.createTeam({
      name: uniqueName('traced'),
      budget: { amount_usd: 10, period: 'daily' },
    });
    const chat = async () => {
      const key = await admin.createKey({ name: uniqueName('k'), team_id: team.id });
      return apiClient(system.baseUrl, key.key).chat({
        model: 'local/echo',
        messages: [{ role: 'user', content: 'trace the money' }],
      });
    };
    // The first priced request loads the catalog snapshot the gateway quotes from; the traced
    // one uses a key of its own, so its verification is not cached yet.
    expect((await chat()).status).toBe(200);
    exporter.reset();
    const response = await chat();
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    const http = await httpSpanOf(requestId);
    expect(http).toBeDefined();
    const spans = await spansOfTrace(http!.spanContext().traceId, 10);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestors = (span: ReadableSpan) => {
      const names: string[] = [];
      for (let parent = byId.get(parentOf(span) ?? ''); parent;) {
        names.push(parent.name);
        parent = byId.get(parentOf(parent) ?? '');
      }
      return names;
    };
    // Priced at the edge, from the llm service's catalog snapshot: no quote round trip.
    expect(spans.map((span) => span.name)).not.toContain('send llm.v1.chat.quote');
    for (const subject of ['ledger.v1.key.verify', 'ledger.v1.budget.reserve']) {
      const served = find(spans, `process ${subject}`, SpanKind.SERVER);
      expect(ancestors(served)).toEqual([`send ${subject}`, http!.name]);
    }
    const reserve = find(spans, 'process ledger.v1.budget.reserve', SpanKind.SERVER);
    // The hold is a named prepared statement on the pg pool (`db.query <name>`), other SQL
    // goes through Prisma (`prisma:*`).
    const sql = spans.filter(
      (span) =>
        (span.name.startsWith('prisma:') || span.name.startsWith('db.query ')) &&
        ancestors(span).includes(reserve.name),
    );
    expect(sql.length).toBeGreaterThan(0);
  });
});
