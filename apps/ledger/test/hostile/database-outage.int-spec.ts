import { ServiceUnavailableError } from '@conduit/contracts';
import { startCuttableTcpProxy, type CuttableTcpProxy } from '@conduit/testing';
import { databaseUrlForTests } from '../support/database-for-tests';
import { startTestLedger, type TestLedger } from '../support/ledger-for-tests';

/**
 * Postgres going away under a running ledger: its request handlers answer a retryable 503
 * `database_unavailable` (what the gateway passes on), never a 500, and recover with it.
 */
describe('ledger with its database unreachable', () => {
  let proxy: CuttableTcpProxy;
  let ledger: TestLedger;

  beforeAll(async () => {
    const postgres = new URL(databaseUrlForTests());
    proxy = await startCuttableTcpProxy(postgres.hostname, Number(postgres.port || 5432));
    ledger = await startTestLedger(
      { LEDGER_DB_POOL_SIZE: '2' },
      {
        database: 'postgres',
        databaseUrl: (url) => {
          const viaProxy = new URL(url);
          viaProxy.hostname = '127.0.0.1';
          viaProxy.port = String(proxy.port);
          // A refused connection fails at once; keep pg from waiting on a pool slot.
          viaProxy.searchParams.set('connect_timeout', '2');
          return viaProxy.toString();
        },
      },
    );
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await proxy?.close();
  });

  it('answers 503 database_unavailable while Postgres is unreachable, and recovers', async () => {
    expect((await ledger.client.request('ledger.v1.team.list', {})).object).toBe('list');

    await proxy.cut();
    const failure = await ledger.client.request('ledger.v1.team.list', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as ServiceUnavailableError).code).toBe('database_unavailable');

    await proxy.restore();
    let recovered: unknown;
    for (let attempt = 0; attempt < 50 && recovered === undefined; attempt++) {
      recovered = await ledger.client
        .request('ledger.v1.team.list', {})
        .catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 200)));
    }
    expect(recovered).toMatchObject({ object: 'list' });
  }, 60_000);
});
