import {
  Events,
  InternalError,
  ServiceUnavailableError,
  type EventOf,
  type ServiceName,
  type UsageEvent,
} from '@conduit/contracts';
import { tracer } from '@conduit/telemetry';
import { inMemoryTracing, natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { StorageType, type NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  deadLetterStreamName,
  DurableEvents,
  encodeJson,
  ledgerStreamName,
  MessagingModule,
  NATS_CONNECTION,
  prefixedSubject,
  type DurableConsumer,
  type DurableEventMeta,
  type DurableEventName,
} from '../src';

interface Delivery {
  event: DurableEventName;
  requestId: string;
  meta: DurableEventMeta;
  consumer: string;
  /** Set once the handler's work (its delay) is done. */
  finished: boolean;
}

/** A JetStream stream of its own per test (own subject prefix), against the real server. */
describe('durable events over real JetStream', () => {
  const exporter = inMemoryTracing();
  let natsUrl: string;
  const apps: INestApplicationContext[] = [];
  const consumers: DurableConsumer[] = [];
  const streams: DurableEvents[] = [];

  async function boot(subjectPrefix: string, serviceName: ServiceName) {
    @Module({ imports: [MessagingModule.forRoot({ serviceName, natsUrl, subjectPrefix })] })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    apps.push(app);
    return {
      events: app.get(DurableEvents),
      connection: app.get<NatsConnection>(NATS_CONNECTION),
    };
  }

  /** A gateway (publisher) and a ledger (consumer) on a fresh prefix, both ensuring the stream. */
  async function freshStream() {
    const prefix = uniqueSubjectPrefix();
    const [gateway, ledger] = await Promise.all([boot(prefix, 'gateway'), boot(prefix, 'ledger')]);
    streams.push(gateway.events);
    // Concurrently, as the two services do at boot: must not fail either of them.
    await Promise.all([gateway.events.ensureLedgerStream(), ledger.events.ensureLedgerStream()]);
    const jsm = await gateway.connection.jetstreamManager();
    return { prefix, gateway, ledger, jsm, stream: ledgerStreamName(prefix) };
  }

  async function consume(
    events: DurableEvents,
    received: Delivery[],
    options: {
      durable?: string;
      name?: string;
      fail?: (delivery: Delivery) => boolean;
      concurrency?: number;
      delayMs?: number;
      ackWaitMs?: number;
    } = {},
  ): Promise<DurableConsumer> {
    const consumer = await events.consumeDurable(
      options.durable ?? 'ledger',
      async (event, payload, meta) => {
        const delivery = {
          event,
          requestId: payload.requestId,
          meta,
          consumer: options.name ?? 'a',
          finished: false,
        };
        received.push(delivery);
        if (options.delayMs) await sleep(options.delayMs);
        delivery.finished = true;
        if (options.fail?.(delivery)) throw new Error('database is down');
      },
      { ackWaitMs: options.ackWaitMs ?? 2_000, concurrency: options.concurrency },
    );
    consumers.push(consumer);
    return consumer;
  }

  async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 8_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await sleep(20);
    }
  }

  function usage(requestId: string): UsageEvent {
    return {
      requestId,
      keyId: `key_${'a'.repeat(32)}`,
      userId: null,
      teamId: `team_${'b'.repeat(32)}`,
      endpoint: '/v1/chat/completions',
      requestedModel: 'gpt-4o-mini',
      model: 'gpt-4o-mini',
      provider: 'openai',
      stream: false,
      status: 'success',
      errorType: null,
      inputTokens: 12,
      outputTokens: 34,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      costMicroUsd: 1234,
      priceVersion: '2025-01-01',
      usageEstimated: false,
      cacheHit: false,
      savedCostMicroUsd: 0,
      guardrails: [],
      latencyMs: 250,
      timeToFirstTokenMs: null,
      occurredAt: new Date().toISOString(),
    };
  }

  function requestLog(requestId: string): EventOf<typeof Events.ledgerRequestLogged> {
    return {
      requestId,
      keyId: null,
      teamId: null,
      retentionDays: 30,
      model: 'gpt-4o-mini',
      request: '{"messages":[]}',
      response: null,
      occurredAt: new Date().toISOString(),
    };
  }

  const ids = (received: Delivery[]) => received.map((delivery) => delivery.requestId);

  beforeAll(async () => {
    natsUrl = await natsUrlForTests();
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    for (const events of streams) {
      await events.deleteLedgerStream();
      await events.deleteDeadLetterStream();
    }
    for (const app of apps.reverse()) await app.close();
  });

  it('creates the stream once for both services and delivers each event to its handler, then acks', async () => {
    const { gateway, ledger, jsm, stream, prefix } = await freshStream();
    const info = await jsm.streams.info(stream);
    expect(info.config).toMatchObject({
      subjects: expect.arrayContaining([
        prefixedSubject({ subjectPrefix: prefix }, Events.ledgerUsageRecorded),
        prefixedSubject({ subjectPrefix: prefix }, Events.ledgerRequestLogged),
      ]) as unknown,
      storage: StorageType.File,
      max_age: 7 * 24 * 3600 * 1e9,
      duplicate_window: 120 * 1e9,
    });
    // Ensuring again (a restart) with a new retention updates the live stream.
    await ledger.events.ensureLedgerStream({ maxAgeMs: 3_600_000 });
    expect((await jsm.streams.info(stream)).config.max_age).toBe(3600 * 1e9);

    const received: Delivery[] = [];
    await consume(ledger.events, received);
    const first = await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-1'), {
      msgId: 'r-1',
    });
    await gateway.events.publishDurable(Events.ledgerRequestLogged, requestLog('r-1'), {
      msgId: 'r-1-log',
    });
    expect(first).toEqual({ seq: 1, duplicate: false });

    await until(() => received.length === 2);
    expect(received.map(({ event, requestId, meta }) => ({ event, requestId, meta }))).toEqual([
      {
        event: Events.ledgerUsageRecorded,
        requestId: 'r-1',
        meta: { msgId: 'r-1', deliveryCount: 1, streamSeq: 1 },
      },
      {
        event: Events.ledgerRequestLogged,
        requestId: 'r-1',
        meta: { msgId: 'r-1-log', deliveryCount: 1, streamSeq: 2 },
      },
    ]);
    await until(
      async () => (await jsm.consumers.info(stream, 'ledger')).ack_floor.stream_seq === 2,
    );
    const consumerInfo = await jsm.consumers.info(stream, 'ledger');
    expect(consumerInfo).toMatchObject({ num_ack_pending: 0, num_pending: 0, num_redelivered: 0 });
  });

  it('stores a retried message id once and delivers it once', async () => {
    const { gateway, ledger, jsm, stream } = await freshStream();
    const first = await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-dup'), {
      msgId: 'r-dup',
    });
    const again = await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-dup'), {
      msgId: 'r-dup',
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ seq: first.seq, duplicate: true });
    await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-next'), {
      msgId: 'r-next',
    });
    expect((await jsm.streams.info(stream)).state.messages).toBe(2);

    const received: Delivery[] = [];
    await consume(ledger.events, received);
    await until(() => received.some((delivery) => delivery.requestId === 'r-next'));
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);
    expect(ids(received).sort()).toEqual(['r-dup', 'r-next']);
  });

  it('redelivers an event whose handler failed, then acks it', async () => {
    const { gateway, ledger, jsm, stream } = await freshStream();
    const received: Delivery[] = [];
    await consume(ledger.events, received, {
      fail: (delivery) => delivery.meta.deliveryCount === 1,
    });
    await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-flaky'), {
      msgId: 'r-flaky',
    });
    await until(() => received.length === 2);
    expect(received.map((delivery) => [delivery.requestId, delivery.meta.deliveryCount])).toEqual([
      ['r-flaky', 1],
      ['r-flaky', 2],
    ]);
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);
    expect((await jsm.consumers.info(stream, 'ledger')).ack_floor.stream_seq).toBe(1);
  });

  it('keeps events published while no consumer runs and delivers them on restart', async () => {
    const { gateway, ledger, prefix, jsm, stream } = await freshStream();
    const before: Delivery[] = [];
    const consumer = await consume(ledger.events, before);
    await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-before'), {
      msgId: 'r-before',
    });
    await until(() => before.length === 1);
    await consumer.stop();
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);

    for (const id of ['r-while-1', 'r-while-2'])
      await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage(id), { msgId: id });
    expect(before).toHaveLength(1);

    // A new process (fresh connection), same durable name, a new setting (a redeploy):
    // it resumes where the first stopped, and the live consumer takes the new setting.
    const restarted = await boot(prefix, 'ledger');
    const after: Delivery[] = [];
    await consume(restarted.events, after, { ackWaitMs: 3_000 });
    await until(() => after.length === 2);
    expect(ids(after).sort()).toEqual(['r-while-1', 'r-while-2']);
    expect((await jsm.consumers.info(stream, 'ledger')).config.ack_wait).toBe(3_000 * 1e6);
  });

  it('lets the handler in flight finish and acks it before stop() resolves', async () => {
    const { gateway, ledger, jsm, stream } = await freshStream();
    const received: Delivery[] = [];
    const consumer = await consume(ledger.events, received, { delayMs: 300 });
    await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-slow'), {
      msgId: 'r-slow',
    });
    await until(() => received.length === 1);
    await consumer.stop();
    expect(received[0].finished).toBe(true);
    await until(
      async () => (await jsm.consumers.info(stream, 'ledger')).ack_floor.stream_seq === 1,
    );
    expect((await jsm.consumers.info(stream, 'ledger')).num_redelivered).toBe(0);
  });

  it('splits events between replicas sharing the durable, each event to one of them', async () => {
    const { gateway, ledger, prefix, jsm, stream } = await freshStream();
    const second = await boot(prefix, 'ledger');
    const received: Delivery[] = [];
    // Started together, as replicas booting at once: both create the same durable.
    await Promise.all([
      consume(ledger.events, received, { name: 'a', concurrency: 1, delayMs: 10 }),
      consume(second.events, received, { name: 'b', concurrency: 1, delayMs: 10 }),
    ]);
    const sent = Array.from({ length: 30 }, (_, index) => `r-split-${index}`);
    await Promise.all(
      sent.map((id) =>
        gateway.events.publishDurable(Events.ledgerUsageRecorded, usage(id), { msgId: id }),
      ),
    );
    await until(() => received.length >= sent.length);
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);
    expect(ids(received).sort()).toEqual([...sent].sort());
    const byConsumer = new Set(received.map((delivery) => delivery.consumer));
    expect(byConsumer).toEqual(new Set(['a', 'b']));
  });

  it('dead-letters a payload that breaks the contract and goes on with the next event', async () => {
    const { gateway, ledger, prefix, jsm, stream } = await freshStream();
    const js = gateway.connection.jetstream();
    const subject = prefixedSubject({ subjectPrefix: prefix }, Events.ledgerUsageRecorded);
    await js.publish(subject, encodeJson({ requestId: 'r-poison' }), { msgID: 'r-poison' });
    await js.publish(subject, new TextEncoder().encode('not json'), { msgID: 'r-garbage' });
    await gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-good'), {
      msgId: 'r-good',
    });

    const received: Delivery[] = [];
    await consume(ledger.events, received);
    await until(() => received.length === 1);
    expect(ids(received)).toEqual(['r-good']);
    // Dead-lettered (then terminated) messages count as done: nothing pending or redelivered.
    await until(
      async () => (await jsm.consumers.info(stream, 'ledger')).ack_floor.stream_seq === 3,
    );
    expect(await jsm.consumers.info(stream, 'ledger')).toMatchObject({
      num_ack_pending: 0,
      num_redelivered: 0,
    });
    expect((await jsm.streams.info(deadLetterStreamName(prefix))).state.messages).toBe(2);
  });

  it('retries a publish until the stream exists', async () => {
    const prefix = uniqueSubjectPrefix();
    const { events } = await boot(prefix, 'gateway');
    streams.push(events);
    const publishing = events.publishDurable(Events.ledgerUsageRecorded, usage('r-early'), {
      msgId: 'r-early',
      timeoutMs: 10_000,
    });
    await sleep(300);
    await events.ensureLedgerStream();
    await expect(publishing).resolves.toEqual({ seq: 1, duplicate: false });
  });

  it('fails with service_unavailable once its timeout is spent when no stream takes the event', async () => {
    const { events } = await boot(uniqueSubjectPrefix(), 'gateway');
    const started = Date.now();
    const error = await events
      .publishDurable(Events.ledgerUsageRecorded, usage('r-lost'), {
        msgId: 'r-lost',
        timeoutMs: 400,
      })
      .catch((failure: unknown) => failure);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ code: 'event_stream_unavailable' });
    // It kept retrying for the whole budget, and gave up when it was spent.
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('refuses to publish an event that breaks its contract', async () => {
    const { gateway, jsm, stream } = await freshStream();
    const broken = { ...usage('r-bad'), costMicroUsd: -1 };
    await expect(
      gateway.events.publishDurable(Events.ledgerUsageRecorded, broken, { msgId: 'r-bad' }),
    ).rejects.toBeInstanceOf(InternalError);
    expect((await jsm.streams.info(stream)).state.messages).toBe(0);
  });

  it('continues the publisher’s trace in the consumer’s span', async () => {
    const { gateway, ledger } = await freshStream();
    let handlerTraceId: string | undefined;
    consumers.push(
      await ledger.events.consumeDurable('ledger', () => {
        handlerTraceId = trace.getActiveSpan()?.spanContext().traceId;
        return Promise.resolve();
      }),
    );
    exporter.reset();
    const root = tracer().startSpan('root');
    await context.with(trace.setSpan(context.active(), root), () =>
      gateway.events.publishDurable(Events.ledgerUsageRecorded, usage('r-traced'), {
        msgId: 'r-traced',
      }),
    );
    root.end();
    await until(() => handlerTraceId !== undefined);
    expect(handlerTraceId).toBe(root.spanContext().traceId);
    await until(() => exporter.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER));
    const spans = exporter.getFinishedSpans();
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER);
    const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER);
    expect(producer?.name).toBe(`send ${Events.ledgerUsageRecorded}`);
    expect(consumer?.name).toBe(`process ${Events.ledgerUsageRecorded}`);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumer?.spanContext().traceId).toBe(root.spanContext().traceId);
  });
});
