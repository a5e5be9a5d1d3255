import OpenAI from 'openai';
import { apiClient, uniqueName, type ApiClient } from './api';
import type { RunningSystem } from './system';

export interface TeamKey {
  client: ApiClient;
  openai: OpenAI;
  keyId: string;
}

/** A new team with one virtual key (and a monthly budget when given), as its callers. */
export async function teamKey(
  system: RunningSystem,
  admin: ApiClient,
  budgetUsd?: number,
): Promise<TeamKey> {
  const team = await admin.createTeam({ name: uniqueName('team') });
  const key = await admin.createKey({
    name: uniqueName('key'),
    team_id: team.id,
    ...(budgetUsd === undefined ? {} : { budget: { amount_usd: budgetUsd, period: 'monthly' } }),
  });
  return {
    client: apiClient(system.baseUrl, key.key),
    openai: new OpenAI({ apiKey: key.key, baseURL: `${system.baseUrl}/v1`, maxRetries: 0 }),
    keyId: key.id,
  };
}
