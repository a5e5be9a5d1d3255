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
import { createGatewayApp } from '../../src/app.factory';
import { GatewayConfigSchema } from '../../src/config/gateway-config.schema';

export interface RunningSystem {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** Stops one NATS service (to test the gateway with it down). */
  stop(service: 'llm' | 'embedding' | 'retrieval' | 'guardrails' | 'ledger'): Promise<void>;
  close(): Promise<void>;
}

export interface SystemOptions {
  /** Extra environment for every service (e.g. OPENAI_BASE_URL for the llm service). */
  env?: Record<string, string>;
  /** Boot only these NATS services (default: all five). */
  services?: Array<'llm' | 'embedding' | 'retrieval' | 'guardrails' | 'ledger'>;
}

/**
 * Boots the whole system in this process, each service with its own Nest container and NATS
 * connection exactly as in production, on a subject prefix of its own.
 */
export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const env = {
    NATS_URL: await natsUrlForTests(),
    NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const wanted = options.services ?? ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger'];
  const services = new Map<string, INestApplicationContext>();
  const boot = async (
    name: string,
    module: Parameters<typeof NestFactory.createApplicationContext>[0],
  ) => {
    const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
    await app.init();
    services.set(name, app);
  };
  if (wanted.includes('llm'))
    await boot('llm', LlmModule.forRoot(loadConfig(LlmConfigSchema, env)));
  if (wanted.includes('embedding'))
    await boot('embedding', EmbeddingModule.forRoot(loadConfig(EmbeddingConfigSchema, env)));
  if (wanted.includes('retrieval'))
    await boot('retrieval', RetrievalModule.forRoot(loadConfig(RetrievalConfigSchema, env)));
  if (wanted.includes('guardrails'))
    await boot('guardrails', GuardrailsModule.forRoot(loadConfig(GuardrailsConfigSchema, env)));
  if (wanted.includes('ledger'))
    await boot('ledger', LedgerModule.forRoot(loadConfig(LedgerConfigSchema, env)));

  const gateway: NestFastifyApplication = await createGatewayApp(
    loadConfig(GatewayConfigSchema, env),
  );
  await gateway.listen(0, '127.0.0.1');
  const address = gateway.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop(service) {
      await services.get(service)?.close();
      services.delete(service);
    },
    async close() {
      await gateway.close();
      for (const app of services.values()) await app.close();
      services.clear();
    },
  };
}
