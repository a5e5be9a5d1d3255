import {
  ServiceUnavailableError,
  Subjects,
  TimeoutError,
  type BudgetHold,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { RetrievalConfig } from '../config/retrieval-config.schema';
import { RETRIEVAL_CONFIG } from '../config/retrieval-config.token';

/**
 * Holds the worst-case embedding cost on the key's budgets (`ledger.v1.budget.reserve`, under
 * the request's id) before anything is embedded. Fails closed: a ledger that cannot be asked
 * is `ledger_unavailable`, never "no budget". A `budget_exceeded` refusal passes through as is.
 * The gateway's usage event for the request settles or releases the hold.
 */
@Injectable()
export class BudgetHolder {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(RETRIEVAL_CONFIG) private readonly config: RetrievalConfig,
  ) {}

  async hold(requestId: string, budget: BudgetHold, amountMicroUsd: number): Promise<void> {
    if (budget === null) return;
    const timeoutMs = this.config.RETRIEVAL_LEDGER_TIMEOUT_MS;
    try {
      await this.messaging.request(
        Subjects.ledgerBudgetReserve,
        { requestId, keyId: budget.keyId, amountMicroUsd, ttlSeconds: budget.ttlSeconds },
        { timeoutMs },
      );
    } catch (error) {
      const unreachable =
        (error instanceof TimeoutError && error.code === 'request_timeout') ||
        (error instanceof ServiceUnavailableError && error.code === 'no_responders');
      if (!unreachable) throw error;
      throw new ServiceUnavailableError(
        'The budget ledger is unavailable, so the cost cannot be held. Retry shortly.',
        { code: 'ledger_unavailable', cause: error },
      );
    }
  }
}
