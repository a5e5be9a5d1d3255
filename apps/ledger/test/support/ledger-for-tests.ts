import { loadConfig } from '@conduit/config';
import { LedgerStream } from '@conduit/contracts';
import {
  DurableEvents,
  ledgerStreamName,
  MessagingModule,
  NATS_CONNECTION,
} from '@conduit/messaging';
import { startTestBus, type TestBus } from '@conduit/testing';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { LedgerConfigSchema, type LedgerConfig } from '../../src/config/ledger-config.schema';
import { createTestSchema, type TestSchema } from './database-for-tests';

export interface TestLedger {
  bus: TestBus;
  client: TestBus['client'];
  /** This test file's Postgres schema (absent in PGlite mode). */
  schema: TestSchema;
  config: LedgerConfig;
  /** The running ledger service (undefined while stopped). */
  app: INestApplicationContext | undefined;
  /** Publishes durable events as the gateway does (its own connection, not the ledger's). */
  publisher: DurableEvents;
  get<T>(type: new (...args: never[]) => T): T;
  /** Events the ledger's durable consumer has not yet been given, or not yet acked. */
  consumerBacklog(): Promise<{ pending: number; unacked: number }>;
  /** Boots one more ledger replica on the same bus and database (closed by close()). */
  startReplica(): Promise<INestApplicationContext>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The ledger service in-process against real NATS (its own subject prefix, hence its own
 * JetStream stream) and real Postgres (its own schema, migrated at boot like production) —
 * or, with `{ database: 'pglite' }`, the embedded PGlite in a temporary directory.
 * Background jobs are slowed to a crawl so tests run them on purpose.
 */
export async function startTestLedger(
  env: Record<string, string> = {},
  options: {
    database: 'postgres' | 'pglite';
    /** Rewrites the ledger's DATABASE_URL, e.g. to go through a proxy an outage test can cut. */
    databaseUrl?: (url: string) => string;
  } = { database: 'postgres' },
): Promise<TestLedger> {
  const schema = options.database === 'postgres' ? await createTestSchema() : undefined;
  const dataDir =
    options.database === 'pglite' ? await mkdtemp(join(tmpdir(), 'ledger-pglite-')) : undefined;
  const bus = await startTestBus();
  const config = loadConfig(LedgerConfigSchema, {
    ...bus.env,
    ...(schema
      ? { DATABASE_URL: options.databaseUrl?.(schema.databaseUrl) ?? schema.databaseUrl }
      : { LEDGER_DATA_DIR: dataDir }),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    LEDGER_RESERVATION_SWEEP_MS: '3600000',
    LEDGER_RETENTION_INTERVAL_MS: '3600000',
    ...env,
  });

  @Module({
    imports: [
      MessagingModule.forRoot({
        serviceName: 'gateway',
        natsUrl: bus.env.NATS_URL,
        subjectPrefix: bus.env.NATS_SUBJECT_PREFIX,
      }),
    ],
  })
  class PublisherModule {}
  const publisherApp = await NestFactory.createApplicationContext(PublisherModule, {
    logger: false,
  });
  await publisherApp.init();

  const replicas: INestApplicationContext[] = [];
  const boot = async () => {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: false,
    });
    await app.init();
    return app;
  };

  const ledger: TestLedger = {
    bus,
    client: bus.client,
    schema: schema!,
    config,
    app: undefined,
    publisher: publisherApp.get(DurableEvents),
    get(type) {
      if (!ledger.app) throw new Error('the ledger is stopped');
      return ledger.app.get(type);
    },
    async consumerBacklog() {
      const jsm = await publisherApp.get<NatsConnection>(NATS_CONNECTION).jetstreamManager();
      const info = await jsm.consumers.info(
        ledgerStreamName(bus.env.NATS_SUBJECT_PREFIX),
        LedgerStream.consumer,
      );
      return { pending: info.num_pending, unacked: info.num_ack_pending };
    },
    async start() {
      ledger.app = await boot();
    },
    async startReplica() {
      const app = await boot();
      replicas.push(app);
      return app;
    },
    async stop() {
      await ledger.app?.close();
      ledger.app = undefined;
    },
    async close() {
      for (const replica of replicas) await replica.close();
      await ledger.stop();
      await ledger.publisher.deleteLedgerStream().catch(() => undefined);
      await ledger.publisher.deleteDeadLetterStream().catch(() => undefined);
      await publisherApp.close();
      await bus.close();
      await schema?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  await ledger.start();
  return ledger;
}
