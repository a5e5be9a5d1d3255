import { loadConfig } from '@conduit/config';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LedgerConfigSchema } from '../src/config/ledger-config.schema';
import { runMigrations } from '../src/database/migration-runner';
import { createTestSchema, type TestSchema } from './support/database-for-tests';

const LEDGER = join(__dirname, '..');
const MIGRATIONS = readdirSync(join(LEDGER, 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const TABLES = [
  '_prisma_migrations',
  'api_keys',
  'audit_events',
  'budgets',
  'request_logs',
  'reservations',
  'teams',
  'usage_daily',
  'usage_events',
  'users',
];

describe('ledger migrations (wasm schema engine, as `prisma migrate deploy`)', () => {
  const schemas: TestSchema[] = [];
  afterAll(() => Promise.all(schemas.map((schema) => schema.drop())));

  async function emptySchema() {
    const schema = await createTestSchema();
    schemas.push(schema);
    return { schema, config: loadConfig(LedgerConfigSchema, { DATABASE_URL: schema.databaseUrl }) };
  }

  const tables = (schema: TestSchema) =>
    schema
      .sql<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema.schema],
      )
      .then((rows) => rows.map((row) => row.table_name));

  it('applies every migration to an empty schema, records it, and then has nothing to do', async () => {
    const { schema, config } = await emptySchema();
    expect(await tables(schema)).toEqual([]);

    expect(await runMigrations(config)).toEqual(MIGRATIONS);
    expect(await tables(schema)).toEqual(TABLES);
    const history = await schema.sql(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(history).toEqual(
      MIGRATIONS.map((name) => ({
        migration_name: name,
        finished: true,
        rolled_back_at: null,
        applied_steps_count: 1,
      })),
    );

    expect(await runMigrations(config)).toEqual([]);
    expect(await schema.sql(`SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([
      { n: MIGRATIONS.length },
    ]);
  });

  it('lets replicas that boot at once take turns: each migration runs once', async () => {
    const { schema, config } = await emptySchema();
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(config)));
    expect(results.flat().sort()).toEqual(MIGRATIONS);
    expect(await tables(schema)).toEqual(TABLES);
  });

  it('computes budget windows in UTC from the time it is given', async () => {
    const { schema, config } = await emptySchema();
    await runMigrations(config);
    const start = async (period: string, at: string) => {
      const [row] = await schema.sql<{ start: Date | null }>(
        `SELECT budget_period_start($1::budget_period, $2::timestamptz) AS start`,
        [period, at],
      );
      return row.start?.toISOString() ?? null;
    };
    // 23:30 in New York on March 31 is already April 1 in UTC.
    expect(await start('daily', '2026-03-31T23:30:00-05:00')).toBe('2026-04-01T00:00:00.000Z');
    expect(await start('monthly', '2026-03-31T23:30:00-05:00')).toBe('2026-04-01T00:00:00.000Z');
    expect(await start('daily', '2026-03-31T23:59:59.999Z')).toBe('2026-03-31T00:00:00.000Z');
    expect(await start('monthly', '2028-02-29T12:00:00Z')).toBe('2028-02-01T00:00:00.000Z');
    expect(await start('monthly', '2026-12-31T23:59:59Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(await start('daily', '2027-01-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(await start('lifetime', '2026-03-31T12:00:00Z')).toBeNull();
  });

  it('has a migration for every change in schema.prisma', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(LEDGER, 'scripts', 'migration-diff.mjs'),
      '--check',
    ]);
    expect(stdout).toContain('agree');
  });
});
