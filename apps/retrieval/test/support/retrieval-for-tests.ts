// The retrieval service under test with the real embedding service beside it (our own
// services are never mocked): the one place these tests reach another app, hence the
// per-import exceptions to the module boundaries.
import { loadConfig } from '@conduit/config';
import { DomainError } from '@conduit/contracts';
import { FakeQdrantServer, startTestBus, type TestBus } from '@conduit/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as EmbeddingModule } from '../../../embedding/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { EmbeddingConfigSchema } from '../../../embedding/src/config/embedding-config.schema';
import { AppModule } from '../../src/app.module';
import { RetrievalConfigSchema } from '../../src/config/retrieval-config.schema';

export type StoreKind = 'embedded' | 'qdrant';
export const STORE_KINDS: StoreKind[] = ['embedded', 'qdrant'];

export interface RetrievalUnderTest {
  bus: TestBus;
  client: TestBus['client'];
  /** The fake Qdrant behind the service, with the Qdrant store. */
  fake?: FakeQdrantServer;
  startEmbedding(): Promise<void>;
  stopEmbedding(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Real NATS, the retrieval service on the embedded store (in memory) or on a fake Qdrant,
 * and the embedding service with its keyless `local/embed` model. Small chunks (40 tokens,
 * 8 of overlap), so short texts make several chunks.
 */
export async function startRetrieval(
  store: StoreKind,
  env: Record<string, string> = {},
  bus?: TestBus,
): Promise<RetrievalUnderTest> {
  const ownBus = bus === undefined;
  const testBus = bus ?? (await startTestBus());
  const fake = store === 'qdrant' ? await FakeQdrantServer.start() : undefined;
  const common = { ...testBus.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' };
  let embedding: INestApplicationContext | undefined;
  const under: RetrievalUnderTest = {
    bus: testBus,
    client: testBus.client,
    fake,
    async startEmbedding() {
      if (embedding) return;
      const config = loadConfig(EmbeddingConfigSchema, common);
      embedding = await NestFactory.createApplicationContext(EmbeddingModule.forRoot(config), {
        logger: false,
      });
      await embedding.init();
    },
    async stopEmbedding() {
      await embedding?.close();
      embedding = undefined;
    },
    async close() {
      await under.stopEmbedding();
      if (ownBus) await testBus.close();
      await fake?.stop();
    },
  };
  await under.startEmbedding();
  const config = loadConfig(RetrievalConfigSchema, {
    ...common,
    RETRIEVAL_CHUNK_TOKENS: '40',
    RETRIEVAL_CHUNK_OVERLAP_TOKENS: '8',
    ...(fake ? { QDRANT_URL: fake.url } : { RETRIEVAL_DATA_DIR: 'memory://' }),
    ...env,
  });
  await testBus.boot(AppModule.forRoot(config));
  return under;
}

/** The DomainError a call failed with (the test fails if it succeeded). */
export async function failureOf(call: Promise<unknown>): Promise<DomainError> {
  const outcome = await call.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) throw outcome;
  return outcome;
}
