import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { LedgerConfig } from '../config/ledger-config.schema';

const run = promisify(execFile);
const SCRIPT = join('apps', 'ledger', 'scripts', 'migrate.mjs');

/** The workspace's copy of the script, from src/ (ts, jest) and from dist/ alike. */
export function migrateScriptPath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, SCRIPT);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`Cannot find ${SCRIPT} above ${from}.`);
  }
}

/**
 * Applies pending migrations by running scripts/migrate.mjs in a child process, the same
 * command as the `ledger:migrate` target. Prisma's schema engine here is an ES module around
 * WebAssembly; loading it into this CommonJS service (and into jest) is not worth it for a
 * once-per-boot step, and the child keeps its 5 MB engine out of the service's memory.
 * In PGlite mode this must finish before the service opens the same data directory.
 */
export async function runMigrations(config: LedgerConfig): Promise<string[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, LEDGER_DATA_DIR: config.LEDGER_DATA_DIR };
  if (config.DATABASE_URL) env.DATABASE_URL = config.DATABASE_URL;
  else delete env.DATABASE_URL;
  try {
    const { stdout } = await run(process.execPath, [migrateScriptPath()], {
      env,
      timeout: 5 * 60_000,
    });
    const last = stdout.trim().split('\n').pop() ?? '{}';
    return (JSON.parse(last) as { applied?: string[] }).applied ?? [];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Ledger migrations failed: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
}
