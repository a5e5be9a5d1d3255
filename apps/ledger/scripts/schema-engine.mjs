// Prisma's schema engine, WebAssembly build, for machines without the native engine (and
// without network to download it). Shared by migrate.mjs and migration-diff.mjs.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const ledgerRoot = resolve(here, '..');
export const schemaPath = join(ledgerRoot, 'prisma', 'schema.prisma');
export const migrationsDir = join(ledgerRoot, 'prisma', 'migrations');
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

let loaded;

/**
 * The package's own entry does `import * as wasm from './schema_engine_bg.wasm'`, which Node 20
 * only accepts with --experimental-wasm-modules. Instantiating the module ourselves does the
 * same three steps (instantiate, hand the exports to the JS glue, start) without the flag.
 */
export async function loadSchemaEngine() {
  loaded ??= (async () => {
    const wasmPath = join(
      dirname(require.resolve('@prisma/schema-engine-wasm')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue.SchemaEngine;
  })();
  return loaded;
}

export async function readSchema() {
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
}

/** The migrations folder in the shape `prisma migrate deploy` hands to the engine. */
export async function readMigrationsList(baseDir = migrationsDir) {
  const lockfilePath = 'migration_lock.toml';
  const lockfile = {
    path: lockfilePath,
    content: await readFile(join(baseDir, lockfilePath), 'utf8').catch(() => null),
  };
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await readFile(join(baseDir, entry.name, 'migration.sql'), 'utf8').then(
      (value) => ({ tag: 'ok', value }),
      (error) => ({ tag: 'error', value: error.message }),
    );
    migrationDirectories.push({
      path: entry.name,
      migrationFile: { path: 'migration.sql', content },
    });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, shadowDbInitScript: '', migrationDirectories };
}

/** Engine log lines are JSON; keep them unless they are noise. */
export function engineLogger(verbose) {
  return (line) => {
    if (verbose) process.stderr.write(`${String(line)}\n`);
  };
}
