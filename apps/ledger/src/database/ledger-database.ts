import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { parseDatabaseUrl, quoteIdent } from './database-url';
import { enablePrismaTracing } from './prisma-tracing';

/** A Prisma client inside an interactive transaction (what repositories take). */
export type Tx = Prisma.TransactionClient;

const TRANSACTION_OPTIONS = {
  // A burst of reserves against one budget queues on its row lock, then on the pool.
  maxWait: 15_000,
  timeout: 15_000,
} as const;

/**
 * The ledger's one Prisma client, over Postgres (`@prisma/adapter-pg`) or the embedded PGlite.
 * Only repositories use it.
 */
export class LedgerDatabase {
  private closing?: Promise<void>;

  constructor(
    readonly client: PrismaClient,
    readonly kind: 'postgres' | 'pglite',
    private readonly closeDriver: () => Promise<void>,
  ) {}

  static open(config: LedgerConfig): LedgerDatabase {
    enablePrismaTracing();
    if (config.DATABASE_URL) {
      const { connectionString, schema } = parseDatabaseUrl(config.DATABASE_URL);
      const pool = new Pool({
        connectionString,
        max: config.LEDGER_DB_POOL_SIZE,
        // Raw SQL names tables unqualified: the schema has to be the search path.
        options: `-c search_path=${quoteIdent(schema)}`,
      });
      const client = new PrismaClient({
        adapter: new PrismaPg(pool, { schema }),
        transactionOptions: TRANSACTION_OPTIONS,
      });
      return new LedgerDatabase(client, 'postgres', () => pool.end());
    }
    const dataDir = resolve(config.LEDGER_DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    const pglite = new PGlite(dataDir);
    const client = new PrismaClient({
      adapter: new PrismaPGlite(pglite),
      transactionOptions: TRANSACTION_OPTIONS,
    });
    return new LedgerDatabase(client, 'pglite', () => pglite.close());
  }

  /** Runs `work` in one interactive transaction: all of it commits, or none of it. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.client.$transaction(work);
  }

  /** Idempotent: a second call (e.g. a second shutdown hook) waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.client.$disconnect();
      await this.closeDriver();
    })();
    return this.closing;
  }
}
