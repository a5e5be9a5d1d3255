import {
  KeyIdSchema,
  TeamIdSchema,
  usdToMicro,
  UserIdSchema,
  ValidationError,
  type BudgetScope,
  type BudgetSetRequest,
  type BudgetView,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { unknownReference } from '../common/admin-errors';
import { LedgerDatabase, type Tx } from '../database/ledger-database';
import { KeyInvalidationPublisher } from '../keys/key-invalidation.publisher';
import { KeyRepository } from '../keys/key.repository';
import { TeamRepository } from '../teams/team.repository';
import { UserRepository } from '../users/user.repository';
import { toBudgetView } from './budget-view.mapper';
import { BudgetRepository } from './budget.repository';

const OWNER_ID_SCHEMAS = { key: KeyIdSchema, user: UserIdSchema, team: TeamIdSchema } as const;

/** Gives or takes away the budget of a key, a user or a team. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly budgets: BudgetRepository,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly keys: KeyRepository,
    private readonly invalidations: KeyInvalidationPublisher,
  ) {}

  async set(request: BudgetSetRequest): Promise<{ budget: BudgetView | null }> {
    const { scope, owner_id: ownerId } = request;
    const parsed = OWNER_ID_SCHEMAS[scope].safeParse(ownerId);
    if (!parsed.success) {
      throw new ValidationError(`owner_id ${parsed.error.issues[0]?.message ?? 'is malformed'}.`, {
        code: 'invalid_id',
        param: 'owner_id',
      });
    }
    const { budget, keyIdsOfUser } = await this.database.transaction(async (tx) => {
      const teamId = await this.teamOfOwner(tx, scope, ownerId);
      if (!teamId) throw unknownReference(scope, ownerId, 'owner_id');
      const budget = request.budget
        ? await this.budgets.upsert(tx, {
            scope,
            ownerId,
            teamId,
            period: request.budget.period,
            amountMicroUsd: usdToMicro(request.budget.amount_usd),
          })
        : (await this.budgets.delete(tx, scope, ownerId), undefined);
      const keyIdsOfUser = scope === 'user' ? await this.keys.idsOfUser(tx, teamId, ownerId) : [];
      return { budget, keyIdsOfUser };
    });
    // Whether a key must reserve (VerifiedKey.budgeted) may have changed for every key below.
    if (scope === 'key') this.invalidations.keys([ownerId]);
    else if (scope === 'user') this.invalidations.keys(keyIdsOfUser);
    else this.invalidations.all();
    return { budget: budget ? toBudgetView(budget) : null };
  }

  private async teamOfOwner(
    tx: Tx,
    scope: BudgetScope,
    ownerId: string,
  ): Promise<string | undefined> {
    switch (scope) {
      case 'team':
        return (await this.teams.find(tx, ownerId))?.id;
      case 'user':
        return (await this.users.find(tx, ownerId))?.teamId;
      case 'key':
        return this.keys.findTeamOf(tx, ownerId);
    }
  }
}
