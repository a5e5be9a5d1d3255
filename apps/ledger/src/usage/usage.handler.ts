import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { UsageQueryService } from './usage-query.service';

@Injectable()
export class UsageHandler {
  constructor(private readonly usage: UsageQueryService) {}

  @Handle(Subjects.ledgerUsageQuery)
  query(request: ParsedRequestOf<typeof Subjects.ledgerUsageQuery>) {
    return this.usage.query(request);
  }

  @Handle(Subjects.ledgerUsageExport)
  export(request: ParsedRequestOf<typeof Subjects.ledgerUsageExport>) {
    return this.usage.export(request);
  }
}
