import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { TeamService } from './team.service';

@Injectable()
export class TeamHandler {
  constructor(private readonly teams: TeamService) {}

  @Handle(Subjects.ledgerTeamCreate)
  create(request: ParsedRequestOf<typeof Subjects.ledgerTeamCreate>) {
    return this.teams.create(request);
  }

  @Handle(Subjects.ledgerTeamList)
  async list() {
    return { object: 'list' as const, data: await this.teams.list() };
  }
}
