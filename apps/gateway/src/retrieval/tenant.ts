import type { BudgetHold } from '@conduit/contracts';
import type { Principal } from '../auth/principal';

/**
 * Whose collections a caller works with: a virtual key's team. The admin key and, with auth
 * disabled, anonymous callers each have a tenant of their own, so neither sees a team's data
 * by accident.
 */
export function tenantOf(principal: Principal): string {
  if (principal.kind === 'key') return principal.key.teamId;
  return principal.kind === 'admin' ? 'admin' : 'anonymous';
}

/** The budget hold the retrieval service takes before it embeds, for keys with budgets. */
export function budgetHoldOf(principal: Principal, ttlSeconds: number): BudgetHold {
  if (principal.kind !== 'key' || !principal.key.budgeted) return null;
  return { keyId: principal.key.keyId, ttlSeconds };
}
