import type { Schemas } from '@qdrant/js-client-rest';
import type { FilterClause } from './metadata-filter';
import type { MetadataValue } from './vector-store';

/** Payload fields of a Conduit chunk point in Qdrant. */
export const QdrantPayloadKey = {
  tenantId: 'tenant_id',
  documentId: 'document_id',
  chunkIndex: 'chunk_index',
  text: 'text',
  metadata: 'metadata',
} as const;

type Condition = Schemas['Condition'];

/**
 * The Qdrant filter for a tenant's chunks, narrowed by document and metadata clauses. The
 * tenant condition is always there: isolation is enforced by Qdrant itself, in the same
 * request, never by filtering results afterwards.
 */
export function qdrantFilter(
  tenantId: string,
  clauses: readonly FilterClause[] = [],
  documentId?: string,
): Schemas['Filter'] {
  const must = scope(tenantId, documentId);
  for (const clause of clauses) must.push(clauseCondition(clause));
  return { must };
}

/** A tenant's document's chunks from `fromChunkIndex` on. */
export function qdrantChunkTailFilter(
  tenantId: string,
  documentId: string,
  fromChunkIndex: number,
): Schemas['Filter'] {
  const must = scope(tenantId, documentId);
  must.push({ key: QdrantPayloadKey.chunkIndex, range: { gte: fromChunkIndex } });
  return { must };
}

function scope(tenantId: string, documentId: string | undefined): Condition[] {
  const must: Condition[] = [{ key: QdrantPayloadKey.tenantId, match: { value: tenantId } }];
  if (documentId !== undefined) {
    must.push({ key: QdrantPayloadKey.documentId, match: { value: documentId } });
  }
  return must;
}

function clauseCondition(clause: FilterClause): Condition {
  const key = `${QdrantPayloadKey.metadata}.${clause.key}`;
  switch (clause.kind) {
    case 'equals':
      return equals(key, clause.value);
    case 'in': {
      const { values } = clause;
      // `match.any` takes only all-string or all-integer lists; anything else is a disjunction.
      if (values.every((v) => typeof v === 'string')) return { key, match: { any: values } };
      if (values.every((v) => Number.isInteger(v)))
        return { key, match: { any: values as number[] } };
      return { should: values.map((value) => equals(key, value)) };
    }
    case 'range':
      return { key, range: { gte: clause.gte, lte: clause.lte } };
  }
}

// Qdrant matches integers, strings and booleans exactly but has no exact match for floats:
// a degenerate range says the same.
function equals(key: string, value: MetadataValue): Condition {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    return { key, range: { gte: value, lte: value } };
  }
  return { key, match: { value } };
}
