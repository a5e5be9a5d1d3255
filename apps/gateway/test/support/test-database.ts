import { Client } from 'pg';

export interface TestDatabase {
  /** DATABASE_URL for the ledger, pointing at a schema of this test file's own. */
  url: string;
  /** Runs one query in the test's schema (for checks the public API cannot make). */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * A fresh Postgres schema per test system on the real database (DATABASE_URL, as on CI, or
 * the local default), so suites never see each other's rows; dropped on close.
 */
export function createTestDatabaseSchema(): TestDatabase {
  const base = process.env.DATABASE_URL ?? DEFAULT_URL;
  const schema = `e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    async query<Row>(sql: string, params: unknown[] = []) {
      const client = new Client({ connectionString: base, options: `-c search_path="${schema}"` });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
