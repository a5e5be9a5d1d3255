import { Subjects } from '@conduit/contracts';
import { Handle, healthReport } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';

@Injectable()
export class HealthHandler {
  @Handle(Subjects.ledgerHealthCheck)
  check() {
    return healthReport('ledger');
  }
}
