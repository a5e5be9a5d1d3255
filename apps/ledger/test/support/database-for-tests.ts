import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/test';

/** Postgres for the ledger's integration tests: `DATABASE_URL` when set, else the local server. */
export function databaseUrlForTests(): string {
  return process.env.DATABASE_URL || LOCAL_POSTGRES;
}

export interface TestSchema {
  /** DATABASE_URL for the service under test: the test server, this file's own schema. */
  databaseUrl: string;
  schema: string;
  /** A plain connection on that schema, for arranging and checking rows behind the service. */
  sql<T extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A schema of this test file's own (`ledger_<random>`), so suites never see each other's rows;
 * the service creates its tables there by migrating at boot. drop() removes it all.
 */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `ledger_${randomBytes(6).toString('hex')}`;
  const url = new URL(databaseUrlForTests());
  url.searchParams.delete('schema');
  const client = new Client({
    connectionString: url.toString(),
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  url.searchParams.set('schema', schema);
  return {
    databaseUrl: url.toString(),
    schema,
    sql: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await client.query<T>(text, params)).rows,
    drop: async () => {
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
