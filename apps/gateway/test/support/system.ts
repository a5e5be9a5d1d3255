// The end-to-end harness boots every app of the system in one process: the one place an
// app's tests reach the other apps (hence the per-import exceptions to the module boundaries).
import { loadConfig } from '@conduit/config';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as EmbeddingModule } from '../../../embedding/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { EmbeddingConfigSchema } from '../../../embedding/src/config/embedding-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as GuardrailsModule } from '../../../guardrails/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { GuardrailsConfigSchema } from '../../../guardrails/src/config/guardrails-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as LedgerModule } from '../../../ledger/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { LedgerConfigSchema } from '../../../ledger/src/config/ledger-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as LlmModule } from '../../../llm/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { LlmConfigSchema } from '../../../llm/src/config/llm-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as RetrievalModule } from '../../../retrieval/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RetrievalConfigSchema } from '../../../retrieval/src/config/retrieval-config.schema';
import { deadLetterStreamName, ledgerStreamName, NATS_CONNECTION } from '@conduit/messaging';
import { startMetricsServer } from '@conduit/telemetry';
import type { AddressInfo } from 'node:net';
import { connect, type NatsConnection } from 'nats';
import { createTestDatabaseSchema, type TestDatabase } from './test-database';
import { createGatewayApp } from '../../src/app.factory';
import { GatewayConfigSchema } from '../../src/config/gateway-config.schema';

type ServiceName = 'llm' | 'embedding' | 'retrieval' | 'guardrails' | 'ledger';

/** The admin key every test system runs with (CONDUIT_ADMIN_KEY). */
export const TEST_ADMIN_KEY = 'sk-cnd-admin-test-0123456789abcdef';

export interface RunningSystem {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  adminKey: string;
  /** Stops one NATS service (to test the gateway with it down). */
  stop(service: ServiceName): Promise<void>;
  /**
   * Kills one NATS service as `kill -9` would, as far as the bus can tell: its NATS connection
   * closes at once — no drain, no shutdown hook, no last reply or stream event — so it falls
   * silent mid-request. (Its Nest container is closed by close().) `start` boots a new one.
   */
  kill(service: ServiceName): Promise<void>;
  /** Starts a stopped service again, with the same configuration. */
  start(service: ServiceName): Promise<void>;
  /** Boots one more gateway replica on the same bus; returns its base URL. */
  addGateway(): Promise<string>;
  /**
   * `/metrics` as Prometheus scrapes it (GATEWAY_METRICS_PORT in production): one metrics
   * server for the process, since every service here shares one registry.
   */
  metricsUrl: string;
  /** One SQL query in the ledger's database schema, for what no API shows. */
  query: TestDatabase['query'];
  close(): Promise<void>;
}

export interface SystemOptions {
  /** Extra environment for every service (e.g. OPENAI_BASE_URL for the llm service). */
  env?: Record<string, string>;
  /** Boot only these NATS services (default: all five). */
  services?: ServiceName[];
}

/**
 * Boots the whole system in this process, each service with its own Nest container and NATS
 * connection exactly as in production, on a subject prefix of its own.
 */
export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const database = createTestDatabaseSchema();
  const env = {
    NATS_URL: await natsUrlForTests(),
    NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
    LOG_LEVEL: 'warn',
    CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
    DATABASE_URL: database.url,
    // Rate limits in real Redis, as on CI (scripts/ensure-services.sh starts it).
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Every system its own in-memory vector store: jest workers must not share a PGlite dir.
    RETRIEVAL_DATA_DIR: 'memory://',
    ...options.env,
  };
  const wanted = options.services ?? ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger'];
  const services = new Map<string, INestApplicationContext>();
  const killed: INestApplicationContext[] = [];
  const boot = async (
    name: string,
    module: Parameters<typeof NestFactory.createApplicationContext>[0],
  ) => {
    const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
    await app.init();
    services.set(name, app);
  };
  const modules: Record<ServiceName, () => Parameters<typeof boot>[1]> = {
    llm: () => LlmModule.forRoot(loadConfig(LlmConfigSchema, env), env),
    embedding: () => EmbeddingModule.forRoot(loadConfig(EmbeddingConfigSchema, env)),
    retrieval: () => RetrievalModule.forRoot(loadConfig(RetrievalConfigSchema, env)),
    guardrails: () => GuardrailsModule.forRoot(loadConfig(GuardrailsConfigSchema, env)),
    ledger: () => LedgerModule.forRoot(loadConfig(LedgerConfigSchema, env)),
  };
  for (const name of wanted) await boot(name, modules[name]());

  const gateways: NestFastifyApplication[] = [];
  const addGateway = async () => {
    const gateway = await createGatewayApp(loadConfig(GatewayConfigSchema, env));
    await gateway.listen(0, '127.0.0.1');
    gateways.push(gateway);
    const address = gateway.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return `http://127.0.0.1:${port}`;
  };
  const baseUrl = await addGateway();
  const metricsServer = await startMetricsServer(0, '127.0.0.1');
  const metricsPort = (metricsServer.address() as AddressInfo).port;

  return {
    baseUrl,
    adminKey: TEST_ADMIN_KEY,
    addGateway,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    query: (sql, params) => database.query(sql, params),
    async stop(service) {
      await services.get(service)?.close();
      services.delete(service);
    },
    async kill(service) {
      const app = services.get(service);
      if (!app) return;
      services.delete(service);
      killed.push(app);
      await app.get<NatsConnection>(NATS_CONNECTION).close();
    },
    async start(service) {
      if (!services.has(service)) await boot(service, modules[service]());
    },
    async close() {
      metricsServer.close();
      for (const gateway of gateways) {
        // A test ends with its clients gone; a keep-alive socket the server still counts as busy
        // (seen after a stream whose llm replica was killed) would hold close() for Fastify's
        // 72 s keep-alive timeout.
        gateway.getHttpServer().closeAllConnections();
        await gateway.close();
      }
      for (const app of services.values()) await app.close();
      services.clear();
      for (const app of killed.splice(0)) await app.close().catch(() => undefined);
      await database.drop();
      // Each test system has its own subject prefix, hence its own ledger stream: remove it
      // once nothing consumes it any more.
      const nats = await connect({ servers: env.NATS_URL });
      try {
        const streams = await nats.jetstreamManager();
        await streams.streams.delete(ledgerStreamName(env.NATS_SUBJECT_PREFIX)).catch(() => false);
        await streams.streams
          .delete(deadLetterStreamName(env.NATS_SUBJECT_PREFIX))
          .catch(() => false);
      } finally {
        await nats.close();
      }
    },
  };
}
