#!/usr/bin/env node
// Applies apps/ledger/prisma/migrations to the ledger database, exactly like
// `prisma migrate deploy` (same `_prisma_migrations` bookkeeping), with the WebAssembly schema
// engine so it works offline. Run by the `ledger:migrate` Nx target and, as a child process, by
// the ledger at boot (LEDGER_MIGRATE_ON_BOOT). Prints one JSON line: {"applied":[...]}.
//
// Several replicas may boot at once: a Postgres advisory lock (per schema) makes them take
// turns; the later ones find nothing left to apply.
import { openDatabase, quoteIdent } from './database-target.mjs';
import {
  engineAdapterFactory,
  engineLogger,
  loadSchemaEngine,
  NO_FILTERS,
  readMigrationsList,
  readSchema,
} from './schema-engine.mjs';

async function migrate() {
  const database = await openDatabase();
  try {
    await database.sql(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(database.schema)}`);
    await database.sql(`SELECT pg_advisory_lock(hashtext($1))`, [
      `conduit-ledger-migrate:${database.schema}`,
    ]);
    const SchemaEngine = await loadSchemaEngine();
    const schema = await readSchema();
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      engineLogger(process.env.LEDGER_MIGRATE_VERBOSE === 'true'),
      engineAdapterFactory(database.adapterFactory),
    );
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: await readMigrationsList(),
        filters: NO_FILTERS,
      });
      return appliedMigrationNames;
    } finally {
      engine.free();
    }
    // The advisory lock ends with the session in close().
  } finally {
    await database.close();
  }
}

// Exit explicitly: the engine leaves an idle timer behind that would hold the process ~10 s.
migrate().then(
  (applied) => {
    process.stdout.write(`${JSON.stringify({ applied })}\n`, () => process.exit(0));
  },
  (error) => {
    // Engine errors arrive as objects with a message (and sometimes a meta payload).
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    process.stderr.write(`ledger migration failed: ${message}\n`, () => process.exit(1));
  },
);
