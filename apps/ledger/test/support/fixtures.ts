import type { ApiKey, BudgetInput, Team, User } from '@conduit/contracts';
import type { TestBus } from '@conduit/testing';
import { createHash, randomBytes } from 'node:crypto';

type Client = TestBus['client'];

let counter = 0;
/** A name no other test in this file uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** A key secret as the gateway makes one, and what it sends the ledger. */
export function newSecret(): { secret: string; secretHash: string; prefix: string } {
  const secret = `sk-cnd-${randomBytes(24).toString('base64url')}`;
  return {
    secret,
    secretHash: createHash('sha256').update(secret).digest('hex'),
    prefix: secret.slice(0, 12),
  };
}

export function createTeam(client: Client, budget?: BudgetInput): Promise<Team> {
  return client.request('ledger.v1.team.create', { name: uniqueName('team'), budget });
}

export function createUser(client: Client, teamId: string, budget?: BudgetInput): Promise<User> {
  return client.request('ledger.v1.user.create', {
    name: uniqueName('user'),
    team_id: teamId,
    budget,
  });
}

export async function createKey(
  client: Client,
  key: { team_id: string; user_id?: string; budget?: BudgetInput; expires_at?: string },
): Promise<ApiKey & { secretHash: string }> {
  const { secretHash, prefix } = newSecret();
  const created = await client.request('ledger.v1.key.create', {
    key: { name: uniqueName('key'), ...key },
    secretHash,
    prefix,
  });
  return { ...created, secretHash };
}
