import { Subjects, TeamCreateRequestSchema, type Team } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { parseInput } from '../http/parse-input';
import { AdminBudgets } from './budgets';

@AdminOnly()
@Controller('v1/admin/teams')
export class TeamsController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly budgets: AdminBudgets,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown): Promise<Team> {
    return this.messaging.request(
      Subjects.ledgerTeamCreate,
      parseInput(TeamCreateRequestSchema, body),
      {
        timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS,
      },
    );
  }

  @Get()
  list() {
    return this.messaging.request(
      Subjects.ledgerTeamList,
      {},
      { timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS },
    );
  }

  @Put(':id/budget')
  setBudget(@Param('id') id: string, @Body() body: unknown) {
    return this.budgets.set('team', id, body);
  }

  @Delete(':id/budget')
  removeBudget(@Param('id') id: string) {
    return this.budgets.remove('team', id);
  }
}
