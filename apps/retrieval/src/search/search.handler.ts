import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { SearchService } from './search.service';

@Injectable()
export class SearchHandler {
  constructor(private readonly search: SearchService) {}

  @Handle(Subjects.retrievalSearch)
  find(payload: ParsedRequestOf<typeof Subjects.retrievalSearch>) {
    return this.search.search(payload);
  }

  @Handle(Subjects.retrievalContextBuild)
  buildContext(payload: ParsedRequestOf<typeof Subjects.retrievalContextBuild>) {
    return this.search.buildContext(payload);
  }
}
