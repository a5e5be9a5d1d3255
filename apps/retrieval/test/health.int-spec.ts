import { loadConfig } from '@conduit/config';
import { Subjects } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { RetrievalConfigSchema } from '../src/config/retrieval-config.schema';

describe('retrieval service over NATS', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await startTestBus();
    await bus.boot(
      AppModule.forRoot(
        loadConfig(RetrievalConfigSchema, {
          ...bus.env,
          LOG_LEVEL: 'error',
          RETRIEVAL_DATA_DIR: 'memory://',
        }),
      ),
    );
  });

  afterAll(() => bus?.close());

  it('answers its health check in its queue group', async () => {
    const report = await bus.client.request(Subjects.retrievalHealthCheck, {});
    expect(report).toMatchObject({ service: 'retrieval', status: 'up' });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
