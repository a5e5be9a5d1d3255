import {
  AuthenticationError,
  NotFoundError,
  usdToMicro,
  ValidationError,
  type ApiKey,
  type LedgerKeyCreateRequest,
  type VerifiedKey,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { BudgetRepository } from '../budgets/budget.repository';
import { duplicateName, unknownReference } from '../common/admin-errors';
import { newLedgerId } from '../common/ledger-ids';
import { LedgerDatabase } from '../database/ledger-database';
import { uniqueViolation } from '../database/sql-errors';
import { TeamRepository } from '../teams/team.repository';
import { UserRepository } from '../users/user.repository';
import { toApiKey, toVerifiedKey } from './api-key.mapper';
import { KeyInvalidationPublisher } from './key-invalidation.publisher';
import { KeyRepository } from './key.repository';

/** Virtual API keys: stored by the hash of their secret, never the secret itself. */
@Injectable()
export class KeyService {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly keys: KeyRepository,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly budgets: BudgetRepository,
    private readonly invalidations: KeyInvalidationPublisher,
  ) {}

  /** The key and its budget in one transaction: both exist afterwards, or neither. */
  async create({ key: request, secretHash, prefix }: LedgerKeyCreateRequest): Promise<ApiKey> {
    if (request.expires_at && Date.parse(request.expires_at) <= Date.now()) {
      // A key born expired only fails later, at its first use, far from the mistake.
      throw new ValidationError(`'expires_at' (${request.expires_at}) is not in the future.`, {
        code: 'expires_at_in_past',
        param: 'expires_at',
      });
    }
    try {
      return await this.database.transaction(async (tx) => {
        const team = await this.teams.find(tx, request.team_id);
        if (!team) throw unknownReference('team', request.team_id, 'team_id');
        const userId = request.user_id ?? null;
        if (userId) {
          const user = await this.users.find(tx, userId);
          if (!user) throw unknownReference('user', userId, 'user_id');
          if (user.teamId !== team.id) {
            throw new ValidationError(
              `User '${userId}' belongs to another team than '${team.id}'.`,
              { code: 'user_not_in_team', param: 'user_id' },
            );
          }
        }
        const key = await this.keys.insert(tx, {
          id: newLedgerId('key'),
          secretHash,
          prefix,
          name: request.name,
          teamId: team.id,
          userId,
          models: request.models ?? null,
          rpm: request.rpm ?? null,
          tpm: request.tpm ?? null,
          expiresAt: request.expires_at ? new Date(request.expires_at) : null,
          guardrails: request.guardrails ?? null,
          cache: request.cache ?? null,
        });
        const budget = request.budget
          ? await this.budgets.upsert(tx, {
              scope: 'key',
              ownerId: key.id,
              teamId: team.id,
              period: request.budget.period,
              amountMicroUsd: usdToMicro(request.budget.amount_usd),
            })
          : undefined;
        return toApiKey(key, budget);
      });
    } catch (error) {
      const index = uniqueViolation(error);
      if (index === 'api_keys_team_id_name_key') {
        throw duplicateName('key', request.name, ' in this team');
      }
      if (index === 'api_keys_secret_hash_key') {
        // Only a broken or replayed create sends a secret that is already in use.
        throw new ValidationError('This key secret is already in use.', {
          code: 'duplicate_key',
          param: 'secretHash',
        });
      }
      throw error;
    }
  }

  async list(filter: {
    team_id?: string;
    user_id?: string;
    include_revoked?: boolean;
  }): Promise<ApiKey[]> {
    const db = this.database.client;
    const keys = await this.keys.list(db, {
      teamId: filter.team_id,
      userId: filter.user_id,
      includeRevoked: filter.include_revoked ?? false,
    });
    const budgets = await this.budgets.findByOwners(
      db,
      'key',
      keys.map((key) => key.id),
    );
    return keys.map((key) => toApiKey(key, budgets.get(key.id)));
  }

  /** Idempotent: revoking a revoked key returns it unchanged (and tells the gateways again). */
  async revoke(keyId: string): Promise<ApiKey> {
    const db = this.database.client;
    const key = await this.keys.revoke(db, keyId);
    if (!key) throw new NotFoundError(`There is no key with id '${keyId}'.`, { param: 'id' });
    this.invalidations.keys([key.id]);
    const budgets = await this.budgets.findByOwners(db, 'key', [key.id]);
    return toApiKey(key, budgets.get(key.id));
  }

  async verify(secretHash: string): Promise<VerifiedKey> {
    const key = await this.keys.findAuth(this.database.client, secretHash);
    if (!key) {
      throw new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' });
    }
    if (key.revoked_at) {
      throw new AuthenticationError(`The API key '${key.prefix}…' has been revoked.`, {
        code: 'key_revoked',
      });
    }
    if (key.expired) {
      throw new AuthenticationError(`The API key '${key.prefix}…' has expired.`, {
        code: 'key_expired',
      });
    }
    return toVerifiedKey(key);
  }
}
