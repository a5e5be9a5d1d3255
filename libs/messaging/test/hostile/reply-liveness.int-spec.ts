import { ServiceUnavailableError, Subjects, type ServiceName } from '@conduit/contracts';
import { DedicatedNatsServer, natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from 'nats';
import { Handle, MessagingClient, MessagingModule, NATS_CONNECTION } from '../../src';

/** How long the slow handler takes; each test sets it. */
let handlerMs = 0;

@Injectable()
class SlowHandlers {
  @Handle(Subjects.llmModelsList)
  async models() {
    await sleep(handlerMs);
    return { object: 'list' as const, data: [] };
  }
}

async function boot(
  apps: INestApplicationContext[],
  serviceName: ServiceName,
  natsUrl: string,
  subjectPrefix: string,
  extra: { replyLivenessMs?: number; handlers?: boolean } = {},
): Promise<INestApplicationContext> {
  @Module({
    imports: [
      MessagingModule.forRoot({
        serviceName,
        natsUrl,
        subjectPrefix,
        replyLivenessMs: extra.replyLivenessMs,
      }),
    ],
    providers: extra.handlers ? [SlowHandlers] : [],
  })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  await app.init();
  apps.push(app);
  return app;
}

async function failure(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedAt = performance.now();
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  return { error, elapsedMs: performance.now() - startedAt };
}

/**
 * A dead replica is noticed in seconds (heartbeats), not at the request timeout; a slow but
 * live one is not cut off; a NATS outage fails requests in flight at once and new ones fast.
 */
describe('reply liveness and bus outages (real NATS)', () => {
  const apps: INestApplicationContext[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close().catch(() => undefined);
  });

  it('keeps waiting for a slow handler that beats, past the liveness window', async () => {
    const natsUrl = await natsUrlForTests();
    const prefix = uniqueSubjectPrefix();
    await boot(apps, 'llm', natsUrl, prefix, { handlers: true });
    const client = (await boot(apps, 'gateway', natsUrl, prefix, { replyLivenessMs: 1_500 })).get(
      MessagingClient,
    );
    handlerMs = 3_500;
    const startedAt = performance.now();
    await expect(client.request(Subjects.llmModelsList, {})).resolves.toMatchObject({
      object: 'list',
    });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(3_400);
  });

  it('fails with 503 replica_lost within the window when the replica dies mid-request', async () => {
    const natsUrl = await natsUrlForTests();
    const prefix = uniqueSubjectPrefix();
    const server = await boot(apps, 'llm', natsUrl, prefix, { handlers: true });
    const client = (await boot(apps, 'gateway', natsUrl, prefix, { replyLivenessMs: 1_500 })).get(
      MessagingClient,
    );
    handlerMs = 6_000;
    const pending = failure(client.request(Subjects.llmModelsList, {}, { timeoutMs: 30_000 }));
    await sleep(1_200);
    // As kill -9 looks from the bus: the connection is gone, no drain, no reply.
    await server.get<NatsConnection>(NATS_CONNECTION).close();
    const { error, elapsedMs } = await pending;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ code: 'replica_lost' });
    expect(elapsedMs).toBeLessThan(4_500);
  });

  it('asks for heartbeats only when told to: without a window a slow reply is just slow', async () => {
    const natsUrl = await natsUrlForTests();
    const prefix = uniqueSubjectPrefix();
    await boot(apps, 'llm', natsUrl, prefix, { handlers: true });
    const client = (await boot(apps, 'gateway', natsUrl, prefix)).get(MessagingClient);
    handlerMs = 2_000;
    await expect(client.request(Subjects.llmModelsList, {})).resolves.toMatchObject({
      object: 'list',
    });
    // Opted in per request, with the default window: a beating handler still answers.
    await expect(
      client.request(Subjects.llmModelsList, {}, { liveness: true }),
    ).resolves.toMatchObject({ object: 'list' });
  });

  describe('NATS outage (a nats-server of its own, killed and restarted)', () => {
    let nats: DedicatedNatsServer;

    beforeAll(async () => {
      nats = await DedicatedNatsServer.start();
    });

    afterAll(async () => {
      for (const app of apps.splice(0).reverse()) await app.close().catch(() => undefined);
      await nats?.stop();
    });

    it('fails requests in flight at once, new ones fast, and recovers when NATS is back', async () => {
      const prefix = uniqueSubjectPrefix();
      await boot(apps, 'llm', nats.url, prefix, { handlers: true });
      const client = (
        await boot(apps, 'gateway', nats.url, prefix, { replyLivenessMs: 3_000 })
      ).get(MessagingClient);
      handlerMs = 5_000;
      const inFlight = failure(client.request(Subjects.llmModelsList, {}, { timeoutMs: 30_000 }));
      await sleep(300);
      const killedAt = performance.now();
      await nats.kill();
      const { error } = await inFlight;
      expect(performance.now() - killedAt).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({ code: 'bus_unavailable' });
      expect(client.isConnected()).toBe(false);

      const fresh = await failure(client.request(Subjects.llmModelsList, {}));
      expect(fresh.error).toMatchObject({ code: 'bus_unavailable' });
      expect(fresh.elapsedMs).toBeLessThan(100);

      await nats.restart();
      handlerMs = 0;
      const deadline = performance.now() + 10_000;
      while (!client.isConnected() && performance.now() < deadline) await sleep(100);
      expect(client.isConnected()).toBe(true);
      // The handler's subscription came back with its connection too.
      let answered: unknown;
      while (!answered && performance.now() < deadline) {
        answered = await client.request(Subjects.llmModelsList, {}).catch(() => sleep(200));
      }
      expect(answered).toMatchObject({ object: 'list' });
    });
  });
});
