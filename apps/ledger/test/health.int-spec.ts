import { loadConfig } from '@conduit/config';
import { Subjects } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { LedgerConfigSchema } from '../src/config/ledger-config.schema';

describe('ledger service over NATS', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await startTestBus();
    await bus.boot(AppModule.forRoot(loadConfig(LedgerConfigSchema, bus.env)));
  });

  afterAll(() => bus?.close());

  it('answers its health check in its queue group', async () => {
    const report = await bus.client.request(Subjects.ledgerHealthCheck, {});
    expect(report).toMatchObject({ service: 'ledger', status: 'up' });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
