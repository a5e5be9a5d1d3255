import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { CollectionsService } from './collections.service';

@Injectable()
export class CollectionsHandler {
  constructor(private readonly collections: CollectionsService) {}

  @Handle(Subjects.retrievalCollectionCreate)
  create(payload: ParsedRequestOf<typeof Subjects.retrievalCollectionCreate>) {
    return this.collections.create(payload);
  }

  @Handle(Subjects.retrievalCollectionList)
  async list(payload: ParsedRequestOf<typeof Subjects.retrievalCollectionList>) {
    return { object: 'list' as const, data: await this.collections.list(payload.tenantId) };
  }

  @Handle(Subjects.retrievalCollectionGet)
  get(payload: ParsedRequestOf<typeof Subjects.retrievalCollectionGet>) {
    return this.collections.get(payload);
  }

  @Handle(Subjects.retrievalCollectionDelete)
  async delete(payload: ParsedRequestOf<typeof Subjects.retrievalCollectionDelete>) {
    await this.collections.delete(payload);
    return { object: 'collection.deleted' as const, name: payload.name, deleted: true as const };
  }
}
