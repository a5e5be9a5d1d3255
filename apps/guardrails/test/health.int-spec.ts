import { loadConfig } from '@conduit/config';
import { Subjects } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { GuardrailsConfigSchema } from '../src/config/guardrails-config.schema';

describe('guardrails service over NATS', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await startTestBus();
    await bus.boot(AppModule.forRoot(loadConfig(GuardrailsConfigSchema, bus.env)));
  });

  afterAll(() => bus?.close());

  it('answers its health check in its queue group', async () => {
    const report = await bus.client.request(Subjects.guardrailsHealthCheck, {});
    expect(report).toMatchObject({ service: 'guardrails', status: 'up' });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
