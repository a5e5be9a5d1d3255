import { loadConfig } from '@conduit/config';
import { packVector, Subjects, type EmbedRequest, type EmbedResult } from '@conduit/contracts';
import { FakeOpenAIServer, fakeEmbedding, startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../../src/app.module';
import { EmbeddingConfigSchema } from '../../src/config/embedding-config.schema';

export const API_KEY = 'sk-test-embedding-0001';
export const SMALL = 'openai/text-embedding-3-small';

export const norm = (vector: number[]) => Math.hypot(...vector);
export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

let serial = 0;
/** Texts no other test embeds, so the cache of one test never answers another. */
export const fresh = (count: number, label = 'text') =>
  Array.from({ length: count }, () => `${label} number ${++serial} about vectors`);

/** What the fake answers for a text: the vector the service must hand back, bit for bit. */
export const fakeVector = (model: string, text: string, full: number, dimensions = full) =>
  packVector(fakeEmbedding(model, text, full, dimensions));

export type EmbedCall = Partial<EmbedRequest> & Pick<EmbedRequest, 'texts'>;

/** The embedding service on real NATS, with the fake OpenAI as its OpenAI-compatible provider. */
export interface EmbeddingHarness {
  fake: FakeOpenAIServer;
  /** The service with the test defaults. */
  bus: TestBus;
  /** Boots another instance, on a bus of its own, with `env` over the test defaults. */
  service(env?: Record<string, string>): Promise<TestBus>;
  /** `embedding.v1.embed` (model `local/embed` unless given) to `on` (default: `bus`). */
  embed(request: EmbedCall, on?: TestBus): Promise<EmbedResult>;
  close(): Promise<void>;
}

export async function startEmbeddingHarness(): Promise<EmbeddingHarness> {
  const fake = await FakeOpenAIServer.start({ apiKey: API_KEY });
  const buses: TestBus[] = [];
  const service = async (env: Record<string, string> = {}) => {
    const bus = await startTestBus();
    buses.push(bus);
    const config = loadConfig(EmbeddingConfigSchema, {
      ...bus.env,
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: API_KEY,
      OPENAI_EMBEDDING_MODELS:
        'text-embedding-3-small,text-embedding-3-large,text-embedding-ada-002',
      // Long enough that requests sent together surely meet in one batch.
      EMBEDDING_BATCH_WAIT_MS: '25',
      EMBEDDING_PROVIDER_TIMEOUT_MS: '1000',
      ...env,
    });
    await bus.boot(AppModule.forRoot(config));
    return bus;
  };
  const bus = await service();
  return {
    fake,
    bus,
    service,
    embed: (request, on = bus) =>
      on.client.request(Subjects.embeddingEmbed, {
        requestId: 'req_test',
        model: 'local/embed',
        ...request,
      }),
    async close() {
      for (const each of buses) await each.close();
      await fake.stop();
    },
  };
}
