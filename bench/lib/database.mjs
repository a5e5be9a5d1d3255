import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * The ledger's database for one bench run: a fresh Postgres schema (`bench_<pid>`) on
 * `DATABASE_URL` (default: the local test database), so a run starts from empty tables, never
 * sees a previous run's keys or usage, and leaves nothing behind (`drop()` at teardown). The
 * ledger creates the schema and applies its migrations when it boots.
 */
export function benchDatabase(env = process.env, pid = process.pid) {
  const base = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const schema = `bench_${pid}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  const baseWithoutSchema = new URL(base);
  baseWithoutSchema.searchParams.delete('schema');
  const connectionString = baseWithoutSchema.toString();
  return {
    schema,
    /** DATABASE_URL for the ledger. */
    url: url.toString(),
    /** For the bench's own connections (no `schema` parameter: that is Prisma's, not pg's). */
    connectionString,
    /** Postgres's port, to find the ledger's connections among the server's backends. */
    port: Number(url.port || 5432),
    /** Drops the schema and everything the ledger wrote into it. */
    async drop() {
      const { Client } = require('pg');
      const client = new Client({ connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
