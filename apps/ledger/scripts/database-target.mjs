// Which database the ledger scripts talk to: Postgres from DATABASE_URL (its `?schema=` picks
// the Postgres schema, as with Prisma's own URLs), else the embedded PGlite under
// LEDGER_DATA_DIR. Mirrors apps/ledger/src/database/database-url.ts (that one is CommonJS
// TypeScript, this one plain ESM for the child process).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export function parseDatabaseUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') || 'public';
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

export function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Opens the target. `adapterFactory` is migration-aware (the engine wants that); `sql(text)`
 * runs a statement on a session of our own, so a session-level advisory lock taken there is
 * held while the engine works on its own connections.
 */
export async function openDatabase(env = process.env) {
  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { connectionString, schema } = parseDatabaseUrl(env.DATABASE_URL);
    const session = new pg.Client({ connectionString });
    await session.connect();
    // Our own pool, so close() can end it: the process exits as soon as the work is done.
    const pool = new pg.Pool({
      connectionString,
      max: 2,
      options: `-c search_path=${quoteIdent(schema)}`,
    });
    return {
      kind: 'postgres',
      schema,
      adapterFactory: new PrismaPg(pool, { schema }),
      sql: (text, params) => session.query(text, params),
      close: () => Promise.all([session.end(), pool.end()]),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const dataDir = resolve(env.LEDGER_DATA_DIR || '.data/ledger');
  await mkdir(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  return {
    kind: 'pglite',
    schema: 'public',
    dataDir,
    adapterFactory: new PrismaPGlite(db),
    sql: (text, params) => db.query(text, params),
    close: () => db.close(),
  };
}
