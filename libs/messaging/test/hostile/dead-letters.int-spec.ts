import {
  Events,
  ServiceUnavailableError,
  type ServiceName,
  type UsageEvent,
} from '@conduit/contracts';
import { metricsRegistry, tracer } from '@conduit/telemetry';
import { inMemoryTracing, natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { context, trace } from '@opentelemetry/api';
import type { NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeadLetterHeaders,
  DeadLetterReplayer,
  deadLetterStreamName,
  DurableEvents,
  encodeJson,
  injectTraceHeaders,
  ledgerStreamName,
  MessagingModule,
  NATS_CONNECTION,
  PermanentEventError,
  prefixedSubject,
  type ConsumeDurableOptions,
  type DurableConsumer,
  type DurableEventHandler,
} from '../../src';

/**
 * Poison on the durable stream against real JetStream: whatever cannot be processed ends in
 * the dead-letter stream with its error, the events behind it go on, and a replay after the
 * fix books it once.
 */
describe('dead letters over real JetStream', () => {
  inMemoryTracing();
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

  async function freshStream(duplicateWindowMs?: number) {
    const prefix = uniqueSubjectPrefix();
    const [gateway, ledger] = await Promise.all([boot(prefix, 'gateway'), boot(prefix, 'ledger')]);
    streams.push(gateway.events);
    await gateway.events.ensureLedgerStream({ duplicateWindowMs });
    const jsm = await gateway.connection.jetstreamManager();
    const replayer = new DeadLetterReplayer(gateway.connection, prefix);
    const publish = (id: string) =>
      gateway.events.publishDurable(Events.ledgerUsageRecorded, usage(id), { msgId: id });
    return { prefix, gateway, ledger, jsm, replayer, publish, stream: ledgerStreamName(prefix) };
  }

  async function consume(
    events: DurableEvents,
    handler: DurableEventHandler,
    options: ConsumeDurableOptions = {},
  ) {
    const consumer = await events.consumeDurable('ledger', handler, {
      ackWaitMs: 5_000,
      ...options,
    });
    consumers.push(consumer);
    return consumer;
  }

  async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await sleep(25);
    }
  }

  async function deadLetterCount(event: string, reason: string): Promise<number> {
    const metric = await metricsRegistry.getSingleMetric('conduit_dead_letter_events_total')?.get();
    const value = metric?.values.find(
      (sample) => sample.labels.event === event && sample.labels.reason === reason,
    );
    return value?.value ?? 0;
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
      inputTokens: 1,
      outputTokens: 1,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      costMicroUsd: 10,
      priceVersion: '2025-01-01',
      usageEstimated: false,
      cacheHit: false,
      savedCostMicroUsd: 0,
      guardrails: [],
      latencyMs: 1,
      timeToFirstTokenMs: null,
      occurredAt: new Date().toISOString(),
    };
  }

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

  it('dead-letters an event that keeps failing after bounded deliveries while every later event is processed', async () => {
    const { ledger, jsm, replayer, publish, stream } = await freshStream();
    const before = await deadLetterCount(Events.ledgerUsageRecorded, 'exhausted');
    const done = new Set<string>();
    let poisonDeliveries = 0;
    await consume(
      ledger.events,
      (_event, payload, _meta) => {
        if (payload.requestId === 'r-poison') {
          poisonDeliveries += 1;
          return Promise.reject(new Error('deadlock detected'));
        }
        done.add(payload.requestId);
        return Promise.resolve();
      },
      // One handler and one unacked message at a time: the poison would stop everything.
      { concurrency: 1, maxAckPending: 1, maxDeliveries: 3 },
    );
    await publish('r-poison');
    const later = Array.from({ length: 20 }, (_, index) => `r-later-${index}`);
    for (const id of later) await publish(id);

    await until(() => later.every((id) => done.has(id)));
    await until(async () => (await replayer.list()).length === 1);
    expect(poisonDeliveries).toBe(3);
    const [deadLetter] = await replayer.list();
    expect(deadLetter).toMatchObject({
      event: Events.ledgerUsageRecorded,
      msgId: 'r-poison',
      reason: 'exhausted',
      error: 'deadlock detected',
      errorType: 'Error',
      stream,
      streamSeq: 1,
      deliveries: 3,
      consumer: 'ledger',
    });
    expect(Date.parse(deadLetter.deadLetteredAt)).toBeGreaterThan(Date.now() - 60_000);
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);
    expect(await deadLetterCount(Events.ledgerUsageRecorded, 'exhausted')).toBe(before + 1);
  });

  it('dead-letters a permanent failure at its first delivery', async () => {
    const { ledger, replayer, publish } = await freshStream();
    let deliveries = 0;
    await consume(ledger.events, () => {
      deliveries += 1;
      return Promise.reject(
        new PermanentEventError('refused', {
          cause: new Error('invalid byte sequence for encoding "UTF8": 0x00\nat line 1'),
        }),
      );
    });
    await publish('r-refused');
    await until(async () => (await replayer.list()).length === 1);
    const [deadLetter] = await replayer.list();
    expect(deadLetter).toMatchObject({
      reason: 'permanent',
      deliveries: 1,
      errorType: 'PermanentEventError',
      // One header line: the cause's newline is gone.
      error: 'refused (cause: invalid byte sequence for encoding "UTF8": 0x00 at line 1)',
    });
    expect(deliveries).toBe(1);
  });

  it('keeps retrying a service_unavailable failure past the bound instead of dead-lettering it', async () => {
    const { ledger, replayer, publish } = await freshStream();
    const done: string[] = [];
    await consume(
      ledger.events,
      (_event, payload, meta) => {
        if (meta.deliveryCount <= 4) {
          return Promise.reject(new ServiceUnavailableError('the database is down'));
        }
        done.push(payload.requestId);
        return Promise.resolve();
      },
      { maxDeliveries: 2 },
    );
    await publish('r-outage');
    await until(() => done.length === 1);
    expect(await replayer.list()).toEqual([]);
  });

  it('dead-letters an invalid payload at once, with its original headers and trace context', async () => {
    const { prefix, gateway, ledger, replayer, publish, jsm } = await freshStream();
    const handled: string[] = [];
    await consume(ledger.events, (_event, payload, _meta) => {
      handled.push(payload.requestId);
      return Promise.resolve();
    });
    const subject = prefixedSubject({ subjectPrefix: prefix }, Events.ledgerUsageRecorded);
    const root = tracer().startSpan('root');
    const headers = injectTraceHeaders(trace.setSpan(context.active(), root));
    root.end();
    await gateway.connection
      .jetstream()
      .publish(subject, encodeJson({ requestId: 'r-invalid' }), { msgID: 'r-invalid', headers });
    await publish('r-valid');

    await until(() => handled.includes('r-valid'));
    await until(async () => (await replayer.list()).length === 1);
    const [deadLetter] = await replayer.list();
    expect(deadLetter).toMatchObject({
      subject,
      msgId: 'r-invalid',
      reason: 'invalid',
      deliveries: 1,
      errorType: 'invalid_payload',
    });
    expect(deadLetter.error).toContain('payload breaks the contract');
    const stored = await jsm.streams.getMessage(deadLetterStreamName(prefix), {
      seq: deadLetter.seq,
    });
    expect(stored.header.get('traceparent')).toContain(root.spanContext().traceId);
    expect(stored.header.get(DeadLetterHeaders.originalMsgId)).toBe('r-invalid');
    // The dead letter's own id is not the original's: JetStream would de-duplicate on it.
    expect(stored.header.get('Nats-Msg-Id')).not.toBe('r-invalid');
    expect(new TextDecoder().decode(stored.data)).toBe('{"requestId":"r-invalid"}');
    expect(handled).toEqual(['r-valid']);
  });

  it('replays a dead letter after the fix: republished with its message id and booked once', async () => {
    // A short duplicate window, so the test need not wait the default two minutes.
    const { ledger, replayer, publish, stream, jsm } = await freshStream(1_000);
    let fixed = false;
    const booked = new Map<string, number>();
    const deliveredIds: Array<string | undefined> = [];
    await consume(ledger.events, (_event, payload, meta) => {
      if (!fixed && payload.requestId === 'r-fixme') {
        return Promise.reject(new PermanentEventError('a bug'));
      }
      deliveredIds.push(meta.msgId);
      // Idempotent by request id, like the ledger's usage row.
      booked.set(payload.requestId, (booked.get(payload.requestId) ?? 0) + 1);
      return Promise.resolve();
    });
    await publish('r-fixme');
    await publish('r-other');
    await until(async () => (await replayer.list()).length === 1);
    await until(() => booked.has('r-other'));

    fixed = true;
    // Inside the duplicate window the stream would drop it: kept, to be replayed again.
    const early = await replayer.replay({ event: Events.ledgerUsageRecorded });
    expect(early.map((outcome) => outcome.outcome)).toEqual(['duplicate']);
    expect(await replayer.list()).toHaveLength(1);

    await sleep(1_500);
    const [deadLetter] = await replayer.list();
    expect(await replayer.replay({ seq: deadLetter.seq + 100 })).toEqual([]);
    const replayed = await replayer.replay({ seq: deadLetter.seq });
    expect(replayed.map((outcome) => outcome.outcome)).toEqual(['replayed']);
    await until(() => booked.has('r-fixme'));
    expect(await replayer.list()).toEqual([]);
    expect(deliveredIds).toContain('r-fixme');
    // Replaying again finds nothing; the event was booked once.
    expect(await replayer.replay()).toEqual([]);
    await sleep(300);
    expect(booked.get('r-fixme')).toBe(1);
    await until(async () => (await jsm.consumers.info(stream, 'ledger')).num_ack_pending === 0);
  });

  it('dead-letters a replayed event again when it still fails, with its original message id', async () => {
    const { ledger, replayer, publish } = await freshStream(500);
    await consume(ledger.events, () => Promise.reject(new PermanentEventError('still broken')));
    await publish('r-again');
    await until(async () => (await replayer.list()).length === 1);
    await sleep(800);
    expect((await replayer.replay()).map((outcome) => outcome.outcome)).toEqual(['replayed']);
    await until(async () => (await replayer.list()).length === 1);
    const [again] = await replayer.list();
    expect(again).toMatchObject({ msgId: 'r-again', reason: 'permanent', streamSeq: 2 });
  });
});
