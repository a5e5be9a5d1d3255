import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import type { Team } from '../generated/prisma/client';

@Injectable()
export class TeamRepository {
  insert(
    tx: Tx,
    team: { id: string; name: string; requestLogRetentionDays: number },
  ): Promise<Team> {
    return tx.team.create({ data: team });
  }

  find(db: Tx, teamId: string): Promise<Team | null> {
    return db.team.findUnique({ where: { id: teamId } });
  }

  list(db: Tx): Promise<Team[]> {
    return db.team.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }
}
