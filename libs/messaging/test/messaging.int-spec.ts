import {
  Events,
  InternalError,
  NotFoundError,
  ServiceUnavailableError,
  Subjects,
  TimeoutError,
  ValidationError,
  type ServiceName,
} from '@conduit/contracts';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from 'nats';
import {
  Handle,
  healthReport,
  MessagingClient,
  MessagingModule,
  NATS_CONNECTION,
  prefixedSubject,
} from '../src';

/** Handlers on real NATS: validation on both ends, errors as data, timeouts, queue groups. */
describe('messaging over real NATS', () => {
  let natsUrl: string;
  let subjectPrefix: string;
  const apps: INestApplicationContext[] = [];
  const calls: string[] = [];

  @Injectable()
  class TestHandlers {
    constructor(private readonly replica: string) {}

    @Handle(Subjects.llmHealthCheck)
    health() {
      calls.push(this.replica);
      return healthReport(`llm-${this.replica}`);
    }

    @Handle(Subjects.llmModelsList)
    async models() {
      await sleep(300);
      return { object: 'list' as const, data: [] };
    }

    @Handle(Subjects.llmChatComplete)
    complete(): never {
      throw new NotFoundError('no such model', { code: 'model_not_found', param: 'model' });
    }

    @Handle(Subjects.embeddingEmbed)
    oversized() {
      // Valid by contract, but over NATS's 1 MB default max_payload.
      return {
        model: 'm',
        dimensions: 1,
        vectors: ['A'.repeat(2_000_000)],
        inputTokens: 1,
        cachedTexts: 0,
        charge: { model: 'm', provider: 'p', costMicroUsd: 1, priceVersion: 'm@2026-01-01' },
      };
    }

    @Handle(Subjects.ledgerHealthCheck)
    brokenContract() {
      // Deliberately off-contract (the decorator's types would catch it at compile time).
      return { service: 'ledger', status: 'sideways' } as never;
    }
  }

  async function boot(service: ServiceName, replica: string): Promise<INestApplicationContext> {
    @Module({
      imports: [MessagingModule.forRoot({ serviceName: service, natsUrl, subjectPrefix })],
      providers: [{ provide: TestHandlers, useValue: new TestHandlers(replica) }],
    })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    natsUrl = await natsUrlForTests();
    subjectPrefix = uniqueSubjectPrefix();
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it('delivers each request to exactly one replica of a queue group', async () => {
    await boot('llm', 'a');
    const client = (await boot('llm', 'b')).get(MessagingClient);
    calls.length = 0;
    for (let i = 0; i < 20; i++) {
      const report = await client.request(Subjects.llmHealthCheck, {});
      expect(report.status).toBe('up');
    }
    expect(calls).toHaveLength(20);
    expect(new Set(calls)).toEqual(new Set(['a', 'b']));
  });

  it('rejects a payload that breaks the contract at the handler, naming the field', async () => {
    const client = apps[0].get(MessagingClient);
    const error = await client
      .request(Subjects.llmChatComplete, { requestId: 'r1', request: { model: 'm', messages: [] } })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).param).toBe('request.messages');
  });

  it('carries a thrown DomainError across the wire as the same class with its fields', async () => {
    const client = apps[0].get(MessagingClient);
    const error = await client
      .request(Subjects.llmChatComplete, {
        requestId: 'r2',
        request: { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'model_not_found',
      param: 'model',
      message: 'no such model',
    });
  });

  it('rejects a reply that breaks the contract at the client', async () => {
    await boot('ledger', 'x');
    const client = apps[0].get(MessagingClient);
    await expect(client.request(Subjects.ledgerHealthCheck, {})).rejects.toThrow(
      /breaks its contract/,
    );
  });

  it('answers a reply too large for the bus with an error at once, and keeps serving', async () => {
    const client = apps[0].get(MessagingClient);
    const startedAt = Date.now();
    const error = await client
      .request(
        Subjects.embeddingEmbed,
        { requestId: 'big', model: 'm', texts: ['x'] },
        {
          timeoutMs: 5_000,
        },
      )
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({ code: 'reply_too_large' });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    await expect(client.request(Subjects.llmHealthCheck, {})).resolves.toMatchObject({
      status: 'up',
    });
  });

  it('times out a slow handler with a TimeoutError', async () => {
    const client = apps[0].get(MessagingClient);
    await expect(
      client.request(Subjects.llmModelsList, {}, { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reports a service nobody serves as unavailable at once', async () => {
    const client = apps[0].get(MessagingClient);
    const error = await client
      .request(Subjects.guardrailsHealthCheck, {})
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).message).toMatch(
      /No guardrails service is available/,
    );
  });

  describe('events (core NATS, no queue group)', () => {
    const keyId = `key_${'c'.repeat(32)}`;

    async function until(condition: () => boolean, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await sleep(10);
      }
    }

    it('delivers an event to every subscriber, even replicas of one service', async () => {
      // Two gateway replicas: a queue group would hand the event to only one of them.
      const [first, second] = [
        (await boot('gateway', 'g1')).get(MessagingClient),
        (await boot('gateway', 'g2')).get(MessagingClient),
      ];
      const seen: string[] = [];
      const subscriptions = [
        first.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
          seen.push(`g1:${'keyIds' in event ? event.keyIds.join() : 'all'}`);
        }),
        second.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
          seen.push(`g2:${'keyIds' in event ? event.keyIds.join() : 'all'}`);
        }),
      ];
      await flush();
      apps[0].get(MessagingClient).publishEvent(Events.ledgerKeyInvalidated, { keyIds: [keyId] });
      await until(() => seen.length === 2);
      expect(seen.sort()).toEqual([`g1:${keyId}`, `g2:${keyId}`]);
      for (const subscription of subscriptions) subscription.unsubscribe();
    });

    it('drops an invalid event and survives a failing handler', async () => {
      const client = apps[0].get(MessagingClient);
      const seen: unknown[] = [];
      const subscription = client.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
        seen.push(event);
        if ('all' in event) throw new Error('cache exploded');
      });
      await flush();
      const subject = prefixedSubject({ subjectPrefix }, Events.ledgerKeyInvalidated);
      client.publish(subject, { keyIds: ['not-a-key-id'] });
      apps[0]
        .get<NatsConnection>(NATS_CONNECTION)
        .publish(subject, new TextEncoder().encode('{not json'));
      client.publishEvent(Events.ledgerKeyInvalidated, { all: true });
      client.publishEvent(Events.ledgerKeyInvalidated, { keyIds: [keyId] });
      await until(() => seen.length === 2);
      // Core NATS keeps one publisher's order: the bad ones came first and were dropped.
      expect(seen).toEqual([{ all: true }, { keyIds: [keyId] }]);
      subscription.unsubscribe();
    });

    it('refuses to publish an event that breaks its contract', () => {
      const client = apps[0].get(MessagingClient);
      expect(() => client.publishEvent(Events.ledgerKeyInvalidated, { keyIds: ['nope'] })).toThrow(
        InternalError,
      );
    });

    it('tells its listeners when the connection comes back', async () => {
      const app = await boot('gateway', 'reconnecting');
      const client = app.get(MessagingClient);
      let reconnects = 0;
      client.onReconnect(() => reconnects++);
      await app.get<NatsConnection>(NATS_CONNECTION).reconnect();
      await until(() => reconnects === 1);
      expect(client.isConnected()).toBe(true);
    });

    /** A round trip to the server, so a subscription is registered before anyone publishes. */
    async function flush(): Promise<void> {
      await Promise.all(apps.map((app) => app.get<NatsConnection>(NATS_CONNECTION).flush()));
    }
  });
});
