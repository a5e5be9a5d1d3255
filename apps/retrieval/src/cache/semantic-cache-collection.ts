import { createHash } from 'node:crypto';

/**
 * The store collection of one cache tenant's semantic index: `q_` and 128 bits of SHA-256 over
 * the tenant — a namespace apart from document collections (`c_…`), one per tenant so a team's
 * purge drops it whole and no tenant's points share an index with another's.
 */
export function semanticCacheCollection(tenant: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['semantic-cache', tenant]))
    .digest('hex');
  return `q_${digest.slice(0, 32)}`;
}
