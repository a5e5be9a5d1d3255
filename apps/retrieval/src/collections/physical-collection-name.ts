import { createHash } from 'node:crypto';

/**
 * The store-side name of a tenant's collection: `c_` and 128 bits of SHA-256 over (tenant,
 * name). Users name collections freely within the contract (dots, 64 characters) while the
 * stores accept fewer characters; and two tenants' `docs` are two physical collections, so
 * one tenant's chunks never even share an index with another's.
 */
export function physicalCollectionName(tenantId: string, name: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([tenantId, name]))
    .digest('hex');
  return `c_${digest.slice(0, 32)}`;
}
