import { defineConfig } from 'prisma/config';

/*
 * Prisma CLI config for the ledger (`prisma generate --config apps/ledger/prisma.config.ts`).
 * Migrations are not applied by the CLI on these machines (its native schema engine needs a
 * download): `scripts/migrate.mjs` applies them with the WebAssembly engine. `DATABASE_URL`
 * is only read so that `prisma migrate deploy` works where the native engine exists.
 */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
