import { Subjects } from '@conduit/contracts';
import { LedgerDatabase } from '../src/database/ledger-database';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

describe('ledger service over NATS', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(() => ledger?.close());

  it('answers its health check in its queue group, database included', async () => {
    const report = await ledger.client.request(Subjects.ledgerHealthCheck, {});
    expect(report).toMatchObject({
      service: 'ledger',
      status: 'up',
      components: { database: { status: 'up', detail: 'postgres' } },
    });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports down, not an error, when the database stops answering', async () => {
    await ledger.get(LedgerDatabase).close();
    const report = await ledger.client.request(Subjects.ledgerHealthCheck, {});
    expect(report).toMatchObject({ status: 'down', components: { database: { status: 'down' } } });
  });
});
