import {
  AuthenticationError,
  InternalError,
  NotFoundError,
  type BudgetReservation,
  type BudgetReserveRequest,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { bigintToNumber } from '../common/micro-usd';
import { newLedgerId } from '../common/ledger-ids';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import { LedgerDatabase } from '../database/ledger-database';
import { recordBudgetRefusal } from '../metrics/ledger-metrics';
import { budgetExceeded, refusingBudgets } from './budget-exceeded.error';
import { BudgetReservationRepository, type ReservationRow } from './budget-reservation.repository';

/**
 * Reserves a request's worst-case cost before the provider is called, atomically against every
 * budget that applies to the key. The usage event settles it; the sweeper expires it if the
 * request never reports back.
 */
@Injectable()
export class BudgetReservationService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly reservations: BudgetReservationRepository,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async reserve(request: BudgetReserveRequest): Promise<BudgetReservation> {
    const db = this.database.client;
    const amount = BigInt(request.amountMicroUsd);
    const outcome = await this.reservations.reserve(this.database, {
      id: newLedgerId('rsv'),
      requestId: request.requestId,
      keyId: request.keyId,
      amount,
      ttlSeconds: request.ttlSeconds ?? this.config.LEDGER_RESERVATION_TTL_SECONDS,
    });
    // Fail closed: a key that cannot authenticate cannot hold money either.
    if (!outcome.keyState) {
      throw new NotFoundError(`There is no key with id '${request.keyId}'.`, { param: 'keyId' });
    }
    if (outcome.keyState === 'revoked') {
      throw new AuthenticationError('The API key has been revoked.', { code: 'key_revoked' });
    }
    if (outcome.keyState === 'expired') {
      throw new AuthenticationError('The API key has expired.', { code: 'key_expired' });
    }
    if (outcome.reservation) return toReservation(outcome.reservation);

    // A concurrent retry of the same request may have won between our snapshot and our lock.
    const raced = await this.reservations.find(db, request.requestId);
    if (raced) return toReservation(raced);
    const [blame] = refusingBudgets(outcome.budgets, amount);
    if (!blame) {
      throw new InternalError(
        `The reservation of '${request.requestId}' was neither made nor refused.`,
      );
    }
    recordBudgetRefusal(blame.scope);
    const ownerName = await this.reservations.ownerName(db, blame.scope, blame.owner_id);
    throw budgetExceeded(blame, amount, ownerName);
  }
}

function toReservation(row: ReservationRow): BudgetReservation {
  return {
    requestId: row.request_id,
    reservedMicroUsd: bigintToNumber(row.amount),
    budgets: Number(row.budgets),
    expiresAt: row.expires_at.toISOString(),
  };
}
