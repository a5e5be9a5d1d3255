import {
  Subjects,
  UserCreateRequestSchema,
  UserListRequestSchema,
  type User,
} from '@conduit/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import {
  describeBudgetRemove,
  describeBudgetSet,
  describeUserCreate,
} from '../audit/audit-describe';
import { Audited } from '../audit/audited.decorator';
import { parseInput } from '../http/parse-input';
import { LedgerClient } from '../ledger/ledger.client';
import { AdminBudgets } from './budgets';

@AdminOnly()
@Controller('v1/admin/users')
export class UsersController {
  constructor(
    private readonly ledger: LedgerClient,
    private readonly budgets: AdminBudgets,
  ) {}

  @Post()
  @HttpCode(201)
  @Audited('user.create', describeUserCreate)
  create(@Body() body: unknown): Promise<User> {
    return this.ledger.request(
      Subjects.ledgerUserCreate,
      parseInput(UserCreateRequestSchema, body),
    );
  }

  @Get()
  list(@Query() query: unknown) {
    return this.ledger.request(Subjects.ledgerUserList, parseInput(UserListRequestSchema, query));
  }

  @Put(':id/budget')
  @Audited('budget.set', describeBudgetSet('user'))
  setBudget(@Param('id') id: string, @Body() body: unknown) {
    return this.budgets.set('user', id, body);
  }

  @Delete(':id/budget')
  @Audited('budget.remove', describeBudgetRemove('user'))
  removeBudget(@Param('id') id: string) {
    return this.budgets.remove('user', id);
  }
}
