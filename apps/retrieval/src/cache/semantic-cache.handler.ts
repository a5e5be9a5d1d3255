import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { SemanticCacheService } from './semantic-cache.service';

@Injectable()
export class SemanticCacheHandler {
  constructor(private readonly cache: SemanticCacheService) {}

  @Handle(Subjects.retrievalCacheSearch)
  search(payload: ParsedRequestOf<typeof Subjects.retrievalCacheSearch>) {
    return this.cache.search(payload);
  }

  @Handle(Subjects.retrievalCacheIndex)
  async index(payload: ParsedRequestOf<typeof Subjects.retrievalCacheIndex>) {
    await this.cache.index(payload);
    return { ok: true as const };
  }

  @Handle(Subjects.retrievalCacheForget)
  async forget(payload: ParsedRequestOf<typeof Subjects.retrievalCacheForget>) {
    await this.cache.forget(payload);
    return { ok: true as const };
  }
}
