// The real ledger service for the budget tests (our own services are never mocked): hence
// the per-import exceptions to the module boundaries.
import { loadConfig } from '@conduit/config';
import { deadLetterStreamName, ledgerStreamName } from '@conduit/messaging';
import type { TestBus } from '@conduit/testing';
import { connect } from 'nats';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as LedgerModule } from '../../../ledger/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { LedgerConfigSchema } from '../../../ledger/src/config/ledger-config.schema';

export interface LedgerUnderTest {
  /** After the bus (and with it the ledger) closed: drops the schema and the stream. */
  cleanUp(): Promise<void>;
}

/**
 * The ledger on `bus`, against real Postgres (`DATABASE_URL`, else the local server) in a
 * schema of this test's own, migrated at boot like production. The bus closes the ledger.
 */
export async function startLedger(bus: TestBus): Promise<LedgerUnderTest> {
  const url = new URL(process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test');
  url.searchParams.delete('schema');
  const schema = `retrieval_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  url.searchParams.set('schema', schema);
  const config = loadConfig(LedgerConfigSchema, {
    ...bus.env,
    DATABASE_URL: url.toString(),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    LEDGER_RESERVATION_SWEEP_MS: '3600000',
    LEDGER_RETENTION_INTERVAL_MS: '3600000',
  });
  await bus.boot(LedgerModule.forRoot(config));
  return {
    async cleanUp() {
      // The ledger made a JetStream stream for this bus's subject prefix: nothing uses it now.
      const nats = await connect({ servers: bus.env.NATS_URL });
      try {
        const streams = await nats.jetstreamManager();
        await streams.streams
          .delete(ledgerStreamName(bus.env.NATS_SUBJECT_PREFIX))
          .catch(() => false);
        await streams.streams
          .delete(deadLetterStreamName(bus.env.NATS_SUBJECT_PREFIX))
          .catch(() => false);
      } finally {
        await nats.close();
      }
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
