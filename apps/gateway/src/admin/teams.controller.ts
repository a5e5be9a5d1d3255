import { Subjects, TeamCreateRequestSchema, type Team } from '@conduit/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import {
  describeBudgetRemove,
  describeBudgetSet,
  describeTeamCreate,
} from '../audit/audit-describe';
import { Audited } from '../audit/audited.decorator';
import { parseInput } from '../http/parse-input';
import { LedgerClient } from '../ledger/ledger.client';
import { AdminBudgets } from './budgets';

@AdminOnly()
@Controller('v1/admin/teams')
export class TeamsController {
  constructor(
    private readonly ledger: LedgerClient,
    private readonly budgets: AdminBudgets,
  ) {}

  @Post()
  @HttpCode(201)
  @Audited('team.create', describeTeamCreate)
  create(@Body() body: unknown): Promise<Team> {
    return this.ledger.request(
      Subjects.ledgerTeamCreate,
      parseInput(TeamCreateRequestSchema, body),
    );
  }

  @Get()
  list() {
    return this.ledger.request(Subjects.ledgerTeamList, {});
  }

  @Put(':id/budget')
  @Audited('budget.set', describeBudgetSet('team'))
  setBudget(@Param('id') id: string, @Body() body: unknown) {
    return this.budgets.set('team', id, body);
  }

  @Delete(':id/budget')
  @Audited('budget.remove', describeBudgetRemove('team'))
  removeBudget(@Param('id') id: string) {
    return this.budgets.remove('team', id);
  }
}
