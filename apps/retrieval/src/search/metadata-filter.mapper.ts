import type { MetadataFilterInput } from '@conduit/contracts';
import type { MetadataCondition, MetadataFilter } from '../store/vector-store';

/**
 * The contract's metadata filter as the store's, or undefined when it filters nothing (null,
 * absent, `{}`). Conditions keep their meaning exactly: a value is equality, `{in}` any of
 * the values, `{gte, lte}` an inclusive number range (unset bounds left out). Keys and values
 * are validated by the store, which refuses a bad one as `validation_error` on `filter`.
 */
export function toStoreFilter(
  filter: MetadataFilterInput | null | undefined,
): MetadataFilter | undefined {
  if (filter === null || filter === undefined) return undefined;
  const entries = Object.entries(filter);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, condition]) => [key, toCondition(condition)]));
}

function toCondition(condition: MetadataFilterInput[string]): MetadataCondition {
  if (typeof condition !== 'object') return condition;
  if ('in' in condition) return { in: [...condition.in] };
  const range: { gte?: number; lte?: number } = {};
  if (condition.gte !== undefined) range.gte = condition.gte;
  if (condition.lte !== undefined) range.lte = condition.lte;
  return range;
}
