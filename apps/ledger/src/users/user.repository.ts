import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import type { User } from '../generated/prisma/client';

@Injectable()
export class UserRepository {
  insert(
    tx: Tx,
    user: { id: string; teamId: string; name: string; email: string | null },
  ): Promise<User> {
    return tx.user.create({ data: user });
  }

  find(db: Tx, userId: string): Promise<User | null> {
    return db.user.findUnique({ where: { id: userId } });
  }

  /** A team's users, or every user when no team is given (admin listing). */
  list(db: Tx, teamId?: string): Promise<User[]> {
    return db.user.findMany({
      where: teamId ? { teamId } : {},
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }
}
