import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { BudgetReservationService } from './budget-reservation.service';
import { BudgetService } from './budget.service';

@Injectable()
export class BudgetHandler {
  constructor(
    private readonly budgets: BudgetService,
    private readonly reservations: BudgetReservationService,
  ) {}

  @Handle(Subjects.ledgerBudgetSet)
  set(request: ParsedRequestOf<typeof Subjects.ledgerBudgetSet>) {
    return this.budgets.set(request);
  }

  @Handle(Subjects.ledgerBudgetReserve)
  reserve(request: ParsedRequestOf<typeof Subjects.ledgerBudgetReserve>) {
    return this.reservations.reserve(request);
  }
}
