import { Injectable } from '@nestjs/common';
import { LedgerDatabase } from '../database/ledger-database';

@Injectable()
export class DatabaseHealthRepository {
  constructor(private readonly database: LedgerDatabase) {}

  /** Round-trips a trivial query; rejects when the database cannot answer. */
  async ping(): Promise<void> {
    await this.database.client.$queryRaw`SELECT 1`;
  }

  get kind(): 'postgres' | 'pglite' {
    return this.database.kind;
  }
}
