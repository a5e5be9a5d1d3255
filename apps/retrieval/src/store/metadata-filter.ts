import type { MetadataFilter, MetadataValue } from './vector-store';
import { VectorStoreInputError } from './vector-store-input.error';
import { METADATA_KEY } from './vector-store.validation';

/** One validated condition of a `MetadataFilter`, in the shape both stores translate from. */
export type FilterClause =
  | { kind: 'equals'; key: string; value: MetadataValue }
  | { kind: 'in'; key: string; values: (string | number)[] }
  | { kind: 'range'; key: string; gte?: number; lte?: number };

/** Validates a filter (it may come straight off the wire) and lists its clauses. */
export function parseMetadataFilter(filter: MetadataFilter | undefined): FilterClause[] {
  if (filter === undefined) return [];
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw invalid('filter must be an object');
  }
  return Object.entries(filter).map(([key, condition]): FilterClause => {
    if (!METADATA_KEY.test(key))
      throw invalid(`filter key ${JSON.stringify(key)} must match ${METADATA_KEY}`);
    if (isScalar(condition)) return { kind: 'equals', key, value: condition };
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
      throw invalid(`filter.${key} must be a value, { in: [...] } or { gte, lte }`);
    }
    if ('in' in condition) {
      const values: unknown = condition.in;
      const valid =
        Array.isArray(values) &&
        values.length > 0 &&
        values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
      if (!valid || Object.keys(condition).length !== 1) {
        throw invalid(`filter.${key}.in must be a non-empty array of strings and numbers, alone`);
      }
      return { kind: 'in', key, values: [...(values as (string | number)[])] };
    }
    const { gte, lte, ...rest } = condition;
    const bounds = [gte, lte].filter((b) => b !== undefined);
    if (
      Object.keys(rest).length > 0 ||
      bounds.length === 0 ||
      !bounds.every((b) => typeof b === 'number' && Number.isFinite(b))
    ) {
      throw invalid(`filter.${key} range needs gte and/or lte, finite numbers, and nothing else`);
    }
    return { kind: 'range', key, gte, lte };
  });
}

function isScalar(value: unknown): value is MetadataValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function invalid(message: string): VectorStoreInputError {
  return new VectorStoreInputError(message, { param: 'filter' });
}
