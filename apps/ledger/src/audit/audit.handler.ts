import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { AuditService } from './audit.service';

@Injectable()
export class AuditHandler {
  constructor(private readonly audit: AuditService) {}

  @Handle(Subjects.ledgerAuditRecord)
  record(request: ParsedRequestOf<typeof Subjects.ledgerAuditRecord>) {
    return this.audit.record(request);
  }

  @Handle(Subjects.ledgerAuditList)
  list(request: ParsedRequestOf<typeof Subjects.ledgerAuditList>) {
    return this.audit.list(request);
  }
}
