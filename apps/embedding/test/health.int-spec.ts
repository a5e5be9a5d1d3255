import { loadConfig } from '@conduit/config';
import { Subjects } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { EmbeddingConfigSchema } from '../src/config/embedding-config.schema';

describe('embedding service over NATS', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await startTestBus();
    await bus.boot(AppModule.forRoot(loadConfig(EmbeddingConfigSchema, bus.env)));
  });

  afterAll(() => bus?.close());

  it('answers its health check in its queue group', async () => {
    const report = await bus.client.request(Subjects.embeddingHealthCheck, {});
    expect(report).toMatchObject({ service: 'embedding', status: 'up' });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
