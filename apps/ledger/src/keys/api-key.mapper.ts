import {
  CachePolicySchema,
  GuardrailPolicySchema,
  type CachePolicy,
  type ApiKey,
  type GuardrailPolicy,
  type VerifiedKey,
} from '@conduit/contracts';
import { toBudgetViewOrNull } from '../budgets/budget-view.mapper';
import type { BudgetRow } from '../budgets/budget.repository';
import type { KeyAuthRow, KeyRow } from './key.repository';

export function toApiKey(key: KeyRow, budget: BudgetRow | undefined): ApiKey {
  return {
    id: key.id,
    object: 'api_key',
    name: key.name,
    prefix: key.prefix,
    team_id: key.team_id,
    user_id: key.user_id,
    models: key.models,
    rpm: key.rpm,
    tpm: key.tpm,
    expires_at: key.expires_at?.toISOString() ?? null,
    revoked_at: key.revoked_at?.toISOString() ?? null,
    budget: toBudgetViewOrNull(budget),
    guardrails: guardrailPolicyOf(key),
    cache: cachePolicyOf(key.cache),
    created_at: key.created_at.toISOString(),
  };
}

export function toVerifiedKey(key: KeyAuthRow): VerifiedKey {
  return {
    keyId: key.id,
    name: key.name,
    teamId: key.team_id,
    userId: key.user_id,
    models: key.models,
    rpm: key.rpm,
    tpm: key.tpm,
    expiresAt: key.expires_at?.toISOString() ?? null,
    budgeted: key.budgeted,
    requestLogRetentionDays: key.request_log_retention_days,
    guardrails: guardrailPolicyOf(key),
    cache: cachePolicyOf(key.cache) ?? cachePolicyOf(key.team_cache),
  };
}

/** The stored policy, checked again on the way out: the column is only ever written validated. */
function guardrailPolicyOf(key: KeyRow): GuardrailPolicy | null {
  return key.guardrails == null ? null : GuardrailPolicySchema.parse(key.guardrails);
}

/** A stored cache policy (a key's or its team's), validated like the guardrail policy. */
export function cachePolicyOf(stored: unknown): CachePolicy | null {
  return stored == null ? null : CachePolicySchema.parse(stored);
}
