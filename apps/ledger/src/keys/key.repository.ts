import type { CachePolicy, GuardrailPolicy } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/ledger-database';
import { Prisma } from '../generated/prisma/client';

/** An API key as stored, without its secret hash. `models` NULL means every model. */
export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  team_id: string;
  user_id: string | null;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  guardrails: unknown;
  cache: unknown;
  created_at: Date;
}

/** What verification needs, judged by the database's clock. */
export interface KeyAuthRow extends KeyRow {
  expired: boolean;
  budgeted: boolean;
  request_log_retention_days: number;
  /** The team's cache policy, which the key follows when it has none of its own. */
  team_cache: unknown;
}

export interface KeyInsert {
  id: string;
  secretHash: string;
  prefix: string;
  name: string;
  teamId: string;
  userId: string | null;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  expiresAt: Date | null;
  guardrails: GuardrailPolicy | null;
  cache: CachePolicy | null;
}

// Raw SQL rather than the model API: Prisma reads a NULL text[] back as [], and here NULL
// ("every model") and [] ("no model") mean opposite things.
const KEY_COLUMNS = Prisma.sql`k.id, k.name, k.prefix, k.team_id, k.user_id, k.models, k.rpm,
  k.tpm, k.expires_at, k.revoked_at, k.guardrails, k.cache, k.created_at`;

@Injectable()
export class KeyRepository {
  async insert(tx: Tx, key: KeyInsert): Promise<KeyRow> {
    const [row] = await tx.$queryRaw<KeyRow[]>`
      INSERT INTO api_keys AS k
        (id, secret_hash, prefix, name, team_id, user_id, models, rpm, tpm, expires_at,
         guardrails, cache)
      VALUES (${key.id}, ${key.secretHash}, ${key.prefix}, ${key.name}, ${key.teamId},
              ${key.userId}, ${key.models}::text[], ${key.rpm}::int, ${key.tpm}::int,
              ${key.expiresAt}::timestamptz,
              ${key.guardrails === null ? null : JSON.stringify(key.guardrails)}::jsonb,
              ${key.cache === null ? null : JSON.stringify(key.cache)}::jsonb)
      RETURNING ${KEY_COLUMNS}`;
    return row;
  }

  async list(
    db: Tx,
    filter: { teamId?: string; userId?: string; includeRevoked: boolean },
  ): Promise<KeyRow[]> {
    const conditions = [Prisma.sql`TRUE`];
    if (filter.teamId) conditions.push(Prisma.sql`k.team_id = ${filter.teamId}`);
    if (filter.userId) conditions.push(Prisma.sql`k.user_id = ${filter.userId}`);
    if (!filter.includeRevoked) conditions.push(Prisma.sql`k.revoked_at IS NULL`);
    return db.$queryRaw<KeyRow[]>`
      SELECT ${KEY_COLUMNS} FROM api_keys k
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY k.created_at, k.id`;
  }

  /** Marks the key revoked (keeping the first revocation time); undefined if there is no key. */
  async revoke(db: Tx, keyId: string): Promise<KeyRow | undefined> {
    const [row] = await db.$queryRaw<KeyRow[]>`
      UPDATE api_keys AS k SET revoked_at = COALESCE(k.revoked_at, now())
      WHERE k.id = ${keyId}
      RETURNING ${KEY_COLUMNS}`;
    return row;
  }

  async findAuth(db: Tx, secretHash: string): Promise<KeyAuthRow | undefined> {
    const [row] = await db.$queryRaw<KeyAuthRow[]>`
      SELECT ${KEY_COLUMNS},
        (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired,
        t.request_log_retention_days,
        t.cache AS team_cache,
        EXISTS (
          SELECT 1 FROM budgets b
          WHERE (b.scope = 'key' AND b.owner_id = k.id)
             OR (b.scope = 'user' AND b.owner_id = k.user_id)
             OR (b.scope = 'team' AND b.owner_id = k.team_id)
        ) AS budgeted
      FROM api_keys k JOIN teams t ON t.id = k.team_id
      WHERE k.secret_hash = ${secretHash}`;
    return row;
  }

  async findTeamOf(db: Tx, keyId: string): Promise<string | undefined> {
    const [row] = await db.$queryRaw<{ team_id: string }[]>`
      SELECT team_id FROM api_keys WHERE id = ${keyId}`;
    return row?.team_id;
  }

  async idsOfUser(db: Tx, teamId: string, userId: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM api_keys WHERE team_id = ${teamId} AND user_id = ${userId}`;
    return rows.map((row) => row.id);
  }
}
