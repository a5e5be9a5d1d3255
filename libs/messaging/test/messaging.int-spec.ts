import {
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
import { Handle, healthReport, MessagingClient, MessagingModule } from '../src';

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
});
