import {
  BudgetInputSchema,
  KeyIdSchema,
  Subjects,
  TeamIdSchema,
  UserIdSchema,
  type BudgetScope,
  type BudgetView,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { parseInput } from '../http/parse-input';
import { LedgerClient } from '../ledger/ledger.client';

const ID_SCHEMA_OF = { team: TeamIdSchema, user: UserIdSchema, key: KeyIdSchema } as const;

/** `PUT|DELETE /v1/admin/{teams|users|keys}/{id}/budget`, shared by the three controllers. */
@Injectable()
export class AdminBudgets {
  constructor(private readonly ledger: LedgerClient) {}

  set(scope: BudgetScope, id: string, body: unknown): Promise<{ budget: BudgetView | null }> {
    return this.ledger.request(Subjects.ledgerBudgetSet, {
      scope,
      owner_id: parseInput(ID_SCHEMA_OF[scope], id),
      budget: parseInput(BudgetInputSchema, body),
    });
  }

  remove(scope: BudgetScope, id: string): Promise<{ budget: BudgetView | null }> {
    return this.ledger.request(Subjects.ledgerBudgetSet, {
      scope,
      owner_id: parseInput(ID_SCHEMA_OF[scope], id),
      budget: null,
    });
  }
}
