import { MessagingClient, MessagingModule } from '@conduit/messaging';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { natsUrlForTests, uniqueSubjectPrefix } from './nats-url';

export interface TestBus {
  /** Env for a service under test: real NATS and a subject prefix of this test's own. */
  env: { NATS_URL: string; NATS_SUBJECT_PREFIX: string };
  /** A typed client on the same bus, as the gateway would use it. */
  client: MessagingClient;
  /** Boots a service module in-process (its own Nest container and NATS connection). */
  boot(module: DynamicModule): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/** Real NATS plus a caller, for integration tests that drive one service over the bus. */
export async function startTestBus(): Promise<TestBus> {
  const env = { NATS_URL: await natsUrlForTests(), NATS_SUBJECT_PREFIX: uniqueSubjectPrefix() };
  @Module({
    imports: [
      MessagingModule.forRoot({
        serviceName: 'gateway',
        natsUrl: env.NATS_URL,
        subjectPrefix: env.NATS_SUBJECT_PREFIX,
      }),
    ],
  })
  class TestCallerModule {}
  const caller = await NestFactory.createApplicationContext(TestCallerModule, { logger: false });
  await caller.init();
  const booted: INestApplicationContext[] = [];
  return {
    env,
    client: caller.get(MessagingClient),
    async boot(module) {
      const app = await NestFactory.createApplicationContext(module, { logger: false });
      await app.init();
      booted.push(app);
      return app;
    },
    async close() {
      await caller.close();
      for (const app of booted.reverse()) await app.close();
    },
  };
}
