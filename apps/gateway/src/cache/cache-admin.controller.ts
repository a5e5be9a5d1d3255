import { CachePurgeRequestSchema, type CachePurgeResult } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import { describeCachePurge } from '../audit/audit-describe';
import { Audited } from '../audit/audited.decorator';
import { parseInput } from '../http/parse-input';
import { ResponseCache } from './response-cache.service';
import { SemanticCache } from './semantic-cache.service';

/** The admin's handle on the response cache. */
@AdminOnly()
@Controller('v1/admin/cache')
export class CacheAdminController {
  private readonly logger = createLogger('gateway');

  constructor(
    private readonly cache: ResponseCache,
    private readonly semantic: SemanticCache,
  ) {}

  /**
   * Removes a team's, a key's or a model's cached answers (any combination narrows it). The
   * semantic index only points at answers, so removing the answers is enough; a team purge
   * also drops the team's index.
   */
  @Post('purge')
  @HttpCode(200)
  @Audited('cache.purge', describeCachePurge)
  async purge(@Body() body: unknown): Promise<CachePurgeResult> {
    const scope = parseInput(CachePurgeRequestSchema, body);
    const tenant = scope.team_id === undefined ? undefined : `team:${scope.team_id}`;
    const purged = await this.cache.purge({
      ...(tenant === undefined ? {} : { tenant }),
      ...(scope.key_id === undefined ? {} : { keyId: scope.key_id }),
      ...(scope.model === undefined ? {} : { model: scope.model }),
    });
    if (tenant === undefined || scope.key_id !== undefined || scope.model !== undefined) {
      return { object: 'cache.purge', purged };
    }
    let dropped = true;
    try {
      await this.semantic.forgetTenant(tenant);
    } catch (error) {
      dropped = false;
      this.logger.warn({ err: String(error), tenant }, 'semantic cache index not dropped');
    }
    return { object: 'cache.purge', purged, semantic_index_dropped: dropped };
  }
}
