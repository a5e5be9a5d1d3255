import { CachePurgeRequestSchema, type CachePurgeResult } from '@conduit/contracts';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import { parseInput } from '../http/parse-input';
import { ResponseCache } from './response-cache.service';

/** The admin's handle on the response cache. */
@AdminOnly()
@Controller('v1/admin/cache')
export class CacheAdminController {
  constructor(private readonly cache: ResponseCache) {}

  /** Removes a team's, a key's or a model's cached answers (any combination narrows it). */
  @Post('purge')
  @HttpCode(200)
  async purge(@Body() body: unknown): Promise<CachePurgeResult> {
    const scope = parseInput(CachePurgeRequestSchema, body);
    const purged = await this.cache.purge({
      ...(scope.team_id === undefined ? {} : { tenant: `team:${scope.team_id}` }),
      ...(scope.key_id === undefined ? {} : { keyId: scope.key_id }),
      ...(scope.model === undefined ? {} : { model: scope.model }),
    });
    return { object: 'cache.purge', purged };
  }
}
