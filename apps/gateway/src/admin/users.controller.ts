import {
  Subjects,
  UserCreateRequestSchema,
  UserListRequestSchema,
  type User,
} from '@conduit/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
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
  setBudget(@Param('id') id: string, @Body() body: unknown) {
    return this.budgets.set('user', id, body);
  }

  @Delete(':id/budget')
  removeBudget(@Param('id') id: string) {
    return this.budgets.remove('user', id);
  }
}
