import { usdToMicro, type User, type UserCreateRequest } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { toBudgetViewOrNull } from '../budgets/budget-view.mapper';
import { BudgetRepository, type BudgetRow } from '../budgets/budget.repository';
import { duplicateName, unknownReference } from '../common/admin-errors';
import { newLedgerId } from '../common/ledger-ids';
import { LedgerDatabase } from '../database/ledger-database';
import { uniqueViolation } from '../database/sql-errors';
import type { User as UserRow } from '../generated/prisma/client';
import { TeamRepository } from '../teams/team.repository';
import { UserRepository } from './user.repository';

/** People within a team; a user may own keys and have a budget of their own. */
@Injectable()
export class UserService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly budgets: BudgetRepository,
  ) {}

  async create(request: UserCreateRequest): Promise<User> {
    try {
      return await this.database.transaction(async (tx) => {
        const team = await this.teams.find(tx, request.team_id);
        if (!team) throw unknownReference('team', request.team_id, 'team_id');
        const user = await this.users.insert(tx, {
          id: newLedgerId('user'),
          teamId: team.id,
          name: request.name,
          email: request.email ?? null,
        });
        const budget = request.budget
          ? await this.budgets.upsert(tx, {
              scope: 'user',
              ownerId: user.id,
              teamId: team.id,
              period: request.budget.period,
              amountMicroUsd: usdToMicro(request.budget.amount_usd),
            })
          : undefined;
        return toUser(user, budget);
      });
    } catch (error) {
      if (uniqueViolation(error) === 'users_team_id_name_key') {
        throw duplicateName('user', request.name, ' in this team');
      }
      throw error;
    }
  }

  async list(teamId?: string): Promise<User[]> {
    const db = this.database.client;
    const users = await this.users.list(db, teamId);
    const budgets = await this.budgets.findByOwners(
      db,
      'user',
      users.map((user) => user.id),
    );
    return users.map((user) => toUser(user, budgets.get(user.id)));
  }
}

function toUser(user: UserRow, budget: BudgetRow | undefined): User {
  return {
    id: user.id,
    object: 'user',
    team_id: user.teamId,
    name: user.name,
    email: user.email,
    budget: toBudgetViewOrNull(budget),
    created_at: user.createdAt.toISOString(),
  };
}
