import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { UserService } from './user.service';

@Injectable()
export class UserHandler {
  constructor(private readonly users: UserService) {}

  @Handle(Subjects.ledgerUserCreate)
  create(request: ParsedRequestOf<typeof Subjects.ledgerUserCreate>) {
    return this.users.create(request);
  }

  @Handle(Subjects.ledgerUserList)
  async list(request: ParsedRequestOf<typeof Subjects.ledgerUserList>) {
    return { object: 'list' as const, data: await this.users.list(request.team_id) };
  }
}
