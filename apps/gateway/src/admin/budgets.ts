import {
  BudgetInputSchema,
  KeyIdSchema,
  Subjects,
  TeamIdSchema,
  UserIdSchema,
  type BudgetScope,
  type BudgetView,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { parseInput } from '../http/parse-input';

const ID_SCHEMA_OF = { team: TeamIdSchema, user: UserIdSchema, key: KeyIdSchema } as const;

/** `PUT|DELETE /v1/admin/{teams|users|keys}/{id}/budget`, shared by the three controllers. */
@Injectable()
export class AdminBudgets {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async set(scope: BudgetScope, id: string, body: unknown): Promise<{ budget: BudgetView | null }> {
    const ownerId = parseInput(ID_SCHEMA_OF[scope], id);
    const budget = parseInput(BudgetInputSchema, body);
    return this.messaging.request(
      Subjects.ledgerBudgetSet,
      { scope, owner_id: ownerId, budget },
      { timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS },
    );
  }

  async remove(scope: BudgetScope, id: string): Promise<{ budget: BudgetView | null }> {
    const ownerId = parseInput(ID_SCHEMA_OF[scope], id);
    return this.messaging.request(
      Subjects.ledgerBudgetSet,
      { scope, owner_id: ownerId, budget: null },
      { timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS },
    );
  }
}
