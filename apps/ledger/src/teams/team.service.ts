import { usdToMicro, type Team, type TeamCreateRequest } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { toBudgetViewOrNull } from '../budgets/budget-view.mapper';
import { BudgetRepository, type BudgetRow } from '../budgets/budget.repository';
import { duplicateName } from '../common/admin-errors';
import { newLedgerId } from '../common/ledger-ids';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LedgerDatabase } from '../database/ledger-database';
import { uniqueViolation } from '../database/sql-errors';
import type { Team as TeamRow } from '../generated/prisma/client';
import { cachePolicyOf } from '../keys/api-key.mapper';
import { TeamRepository } from './team.repository';

/** Tenants: a team owns users, keys, budgets and a request-log retention policy. */
@Injectable()
export class TeamService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly teams: TeamRepository,
    private readonly budgets: BudgetRepository,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async create(request: TeamCreateRequest): Promise<Team> {
    try {
      return await this.database.transaction(async (tx) => {
        const team = await this.teams.insert(tx, {
          id: newLedgerId('team'),
          name: request.name,
          requestLogRetentionDays:
            request.request_log_retention_days ?? this.config.LEDGER_DEFAULT_RETENTION_DAYS,
          cache: request.cache ?? null,
        });
        const budget = request.budget
          ? await this.budgets.upsert(tx, {
              scope: 'team',
              ownerId: team.id,
              teamId: team.id,
              period: request.budget.period,
              amountMicroUsd: usdToMicro(request.budget.amount_usd),
            })
          : undefined;
        return toTeam(team, budget);
      });
    } catch (error) {
      if (uniqueViolation(error) === 'teams_name_key') throw duplicateName('team', request.name);
      throw error;
    }
  }

  async list(): Promise<Team[]> {
    const db = this.database.client;
    const teams = await this.teams.list(db);
    const budgets = await this.budgets.findByOwners(
      db,
      'team',
      teams.map((team) => team.id),
    );
    return teams.map((team) => toTeam(team, budgets.get(team.id)));
  }
}

function toTeam(team: TeamRow, budget: BudgetRow | undefined): Team {
  return {
    id: team.id,
    object: 'team',
    name: team.name,
    budget: toBudgetViewOrNull(budget),
    request_log_retention_days: team.requestLogRetentionDays,
    cache: cachePolicyOf(team.cache),
    created_at: team.createdAt.toISOString(),
  };
}
