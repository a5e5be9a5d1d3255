import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import type { CachePolicy } from '@conduit/contracts';
import { Prisma, type Team } from '../generated/prisma/client';

@Injectable()
export class TeamRepository {
  insert(
    tx: Tx,
    team: {
      id: string;
      name: string;
      requestLogRetentionDays: number;
      cache: CachePolicy | null;
    },
  ): Promise<Team> {
    // Prisma writes a JSON NULL for `null`; the column's SQL NULL is what "none" means.
    return tx.team.create({ data: { ...team, cache: team.cache ?? Prisma.DbNull } });
  }

  find(db: Tx, teamId: string): Promise<Team | null> {
    return db.team.findUnique({ where: { id: teamId } });
  }

  list(db: Tx): Promise<Team[]> {
    return db.team.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }
}
