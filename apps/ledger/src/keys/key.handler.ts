import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { KeyService } from './key.service';

@Injectable()
export class KeyHandler {
  constructor(private readonly keys: KeyService) {}

  @Handle(Subjects.ledgerKeyVerify)
  verify(request: ParsedRequestOf<typeof Subjects.ledgerKeyVerify>) {
    return this.keys.verify(request.secretHash);
  }

  @Handle(Subjects.ledgerKeyCreate)
  create(request: ParsedRequestOf<typeof Subjects.ledgerKeyCreate>) {
    return this.keys.create(request);
  }

  @Handle(Subjects.ledgerKeyList)
  async list(request: ParsedRequestOf<typeof Subjects.ledgerKeyList>) {
    return { object: 'list' as const, data: await this.keys.list(request) };
  }

  @Handle(Subjects.ledgerKeyRevoke)
  revoke(request: ParsedRequestOf<typeof Subjects.ledgerKeyRevoke>) {
    return this.keys.revoke(request.id);
  }
}
