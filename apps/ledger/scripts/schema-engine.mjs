// Prisma's schema engine, WebAssembly build, for machines without the native engine (and
// without network to download it). Shared by migrate.mjs and migration-diff.mjs.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
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

/**
 * The adapters' own executeScript cuts a migration at every `;` (even inside a comment, string
 * or function body) and runs the pieces one by one (PGlite's does not even await them). This
 * runs each script whole, in one transaction, as the native engine does: a migration that
 * fails leaves nothing behind. Applies to the shadow database too.
 */
async function executeWholeScript(adapter, script) {
  if (typeof adapter.underlyingDriver === 'function') {
    try {
      // No parameters: the simple query protocol, several statements, one implicit transaction.
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error); // rethrows it as the adapter's own error type
    }
  } else {
    await adapter.client.transaction((tx) => tx.exec(script)); // PGlite
  }
}

/** The migration-aware adapter factory the engine wants, with whole-script execution. */
export function engineAdapterFactory(factory) {
  const wrap = async (adapterPromise) => {
    const adapter = await adapterPromise;
    adapter.executeScript = (script) => executeWholeScript(adapter, script);
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => wrap(factory.connect()),
    connectToShadowDb: () => wrap(factory.connectToShadowDb()),
  });
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
