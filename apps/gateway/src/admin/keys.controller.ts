import {
  KeyCreateRequestSchema,
  KeyIdSchema,
  KeyListRequestSchema,
  Subjects,
  TeamIdSchema,
  UserIdSchema,
  ValidationError,
  type ApiKey,
  type CreatedApiKey,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { AdminOnly } from '../auth/admin-only.decorator';
import {
  describeBudgetRemove,
  describeBudgetSet,
  describeKeyCreate,
  describeKeyRevoke,
} from '../audit/audit-describe';
import { Audited } from '../audit/audited.decorator';
import { fetchServedModels } from '../models/served-models';
import { generateVirtualKey } from '../auth/virtual-key';
import { parseInput } from '../http/parse-input';
import { LedgerClient } from '../ledger/ledger.client';
import { AdminBudgets } from './budgets';

/** Query strings carry booleans as text. */
const KeyListQuerySchema = z.strictObject({
  team_id: TeamIdSchema.optional(),
  user_id: UserIdSchema.optional(),
  include_revoked: z.enum(['true', 'false']).optional(),
});

@AdminOnly()
@Controller('v1/admin/keys')
export class KeysController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly ledger: LedgerClient,
    private readonly budgets: AdminBudgets,
  ) {}

  /** The plaintext key is generated here and shown once; the ledger only ever sees its hash. */
  @Post()
  @HttpCode(201)
  @Audited('key.create', describeKeyCreate)
  async create(@Body() body: unknown): Promise<CreatedApiKey> {
    const request = parseInput(KeyCreateRequestSchema, body);
    if (request.models) await this.assertModelsExist(request.models);
    const { secret, secretHash, displayPrefix } = generateVirtualKey();
    const key = await this.ledger.request(Subjects.ledgerKeyCreate, {
      key: request,
      secretHash,
      prefix: displayPrefix,
    });
    return { ...key, key: secret };
  }

  @Get()
  list(@Query() query: unknown) {
    const filters = parseInput(KeyListQuerySchema, query);
    return this.ledger.request(
      Subjects.ledgerKeyList,
      parseInput(KeyListRequestSchema, {
        ...filters,
        include_revoked: filters.include_revoked === 'true',
      }),
    );
  }

  /** Revocation reaches every gateway replica within a second (ledger.v1.key.invalidated). */
  @Delete(':id')
  @Audited('key.revoke', describeKeyRevoke)
  revoke(@Param('id') id: string): Promise<ApiKey> {
    return this.ledger.request(Subjects.ledgerKeyRevoke, { id: parseInput(KeyIdSchema, id) });
  }

  @Put(':id/budget')
  @Audited('budget.set', describeBudgetSet('key'))
  setBudget(@Param('id') id: string, @Body() body: unknown) {
    return this.budgets.set('key', id, body);
  }

  @Delete(':id/budget')
  @Audited('budget.remove', describeBudgetRemove('key'))
  removeBudget(@Param('id') id: string) {
    return this.budgets.remove('key', id);
  }

  /**
   * An allow-list naming a model the gateway does not serve is a typo the admin should hear
   * about now. Every kind counts: chat models, their aliases and embedding models.
   */
  private async assertModelsExist(models: string[]): Promise<void> {
    const served = await fetchServedModels(this.messaging);
    const known = new Set(served.models.map((model) => model.id));
    const index = models.findIndex((model) => !known.has(model));
    if (index >= 0) {
      // The service that did not answer may serve it: unavailable, not a typo.
      if (served.incompleteBecause) throw served.incompleteBecause;
      throw new ValidationError(
        `Unknown model '${models[index]}' in models; known models: ${[...known].join(', ')}.`,
        { code: 'unknown_model', param: `models[${index}]` },
      );
    }
  }
}
